package summary

// labels are the summary's own words, keyed by language; the questionnaire's
// wording comes from the definition.
var labels = map[string]map[string]string{
	"en": {
		"title":             "KetaScreen: summary for your provider",
		"meta":              "Date: %s   Response ID: %s   Initials: %s",
		"no_name":           "not given",
		"result":            "Result",
		"incomplete":        "The questions were not finished.",
		"ended_early":       "The questions stopped here for safety; no treatment suggestion is made.",
		"pathway":           "About ketamine therapy",
		"why":               "Why",
		"flags":             "For the provider",
		"no_flags":          "No health answer needs special attention.",
		"scores":            "Scores",
		"partial":           "not every item was answered",
		"item9":             "PHQ-9 item 9 (%s): %s",
		"not_answered":      "not answered",
		"none":              "No medicine entered.",
		"medicines":         "Antidepressants in this episode",
		"col_medicine":      "Medicine",
		"col_weeks":         "Time at intended dose",
		"col_dose":          "Dose raised",
		"col_improvement":   "Best improvement",
		"col_stopped":       "Why stopped",
		"col_counted":       "Counted as a failed trial?",
		"counted_yes":       "Yes",
		"counted_uncertain": "Uncertain",
		"counted_no":        "No",
		"other_treatments":  "Other treatment in this episode",
		"goals":             "Goals and practical matters",
		"appendix":          "Appendix: every answer",
		"help_pressed":      "The person pressed \"I need help now\".",
		"entry":             "Medicine %d",
		"count":             "%d of %d",
		"positive":          "positive screen",
		"negative":          "negative screen",
		"page":              "Page %d of {nb}",
	},
}

// label returns the summary's word for a key in a language, falling back to English.
func label(lang, key string) string {
	if s, ok := labels[lang][key]; ok {
		return s
	}
	return labels["en"][key]
}
