package screens

import "fmt"

// uiText holds the words of the interface itself, keyed by language. The
// questionnaire's own wording comes from the definition; adding a language
// adds a column here and texts there, not code.
var uiText = map[string]map[string]string{
	"en": {
		"app.title":             "KetaScreen",
		"help.now":              "I need help now",
		"nav.back":              "Back",
		"nav.continue":          "Continue",
		"nav.skip":              "Skip this question",
		"welcome.heading":       "Before you talk with a provider about ketamine",
		"welcome.what":          "This checklist asks how you have been feeling, what treatments you have tried, and about your health and goals.",
		"welcome.why":           "At the end it suggests whether, and how soon, to talk with a licensed provider about ketamine therapy, and explains why.",
		"welcome.time":          "It takes about 10 to 15 minutes. You can go back and change any answer.",
		"welcome.privacy":       "Your answers stay on this computer and are gone when you close the app, unless you save a summary.",
		"welcome.start":         "Start",
		"welcome.about":         "About ketamine therapy",
		"education.heading":     "About ketamine therapy",
		"education.sources":     "Sources",
		"progress.section":      "%s · %d of %d",
		"progress.part":         "Part %d of %d",
		"question.chosen":       "Saved",
		"multi.hint":            "Choose all that apply, then Continue.",
		"meds.heading":          "Your antidepressants",
		"meds.none":             "No medicines added yet.",
		"meds.add":              "Add a medicine",
		"meds.another":          "Add another medicine",
		"meds.change":           "Change",
		"meds.remove":           "Remove",
		"meds.search":           "Type a name, like sertraline or Zoloft",
		"meds.pick":             "Which medicine? Tap it in the list.",
		"meds.no_match":         "No medicine matches. Try fewer letters, or choose “Another antidepressant”.",
		"meds.incomplete":       "Not finished: tap Change to answer the rest.",
		"meds.entry":            "Medicine %d",
		"crisis.back":           "Back to start",
		"crisis.calm":           "You are not alone. Reaching out now is the right thing to do.",
		"urgent.continue":       "Continue the questionnaire",
		"review.heading":        "Check your answers",
		"review.hint":           "Tap Change next to an answer to change it.",
		"review.result":         "See my result",
		"review.unanswered":     "Not answered yet",
		"result.pathway":        "About ketamine therapy for you",
		"result.next":           "What to do next",
		"result.why":            "Why",
		"result.provider":       "For your provider",
		"result.scores":         "Your scores",
		"result.treatments":     "Kinds of treatment",
		"result.no_flags":       "Nothing from your health answers needs special attention.",
		"result.your_answers":   "From your answers:%s",
		"result.start_over":     "Start over",
		"result.attributions":   "About the questionnaires",
		"result.positive":       "positive screen",
		"result.negative":       "negative screen",
		"result.count":          "%d of %d",
		"ended.start_over":      "Back to start",
		"access.contrast":       "High contrast",
		"access.read":           "Read aloud",
		"save.initials":         "Initials (optional)",
		"save.pdf":              "Save summary (PDF)",
		"save.fhir":             "Save for my provider's system",
		"save.print":            "Print",
		"save.no_printer":       "No printer found",
		"save.done_title":       "Done",
		"save.done":             "Saved to %s",
		"save.printed":          "The summary was sent to the printer.",
		"kiosk.no_record":       "This kiosk keeps no copy of your answers. Ask the front desk if you would like a printed summary.",
		"kiosk.record_saved":    "Your summary was saved securely for the clinic staff.",
		"kiosk.record_failed":   "Your summary could not be saved for the staff. Please tell the front desk.",
		"kiosk.print":           "Print for the front desk",
		"attract.invite":        "Thinking about ketamine therapy? This private checklist helps you get ready to talk with a provider.",
		"attract.start":         "Touch to start",
		"welcome.privacy.kiosk": "Nothing is saved on this kiosk. Your answers are cleared when you finish, start over, or walk away.",
		"idle.question":         "Are you still there?",
		"idle.here":             "I'm still here",
		"idle.seconds":          "%d",
		"idle.line.one":         "Touch anywhere to keep going. Otherwise your answers will be cleared in 1 second.",
		"idle.line":             "Touch anywhere to keep going. Otherwise your answers will be cleared in %d seconds.",
		"kiosk.front_desk":      "Please go to the front desk now and tell them you need to talk with someone.",
		"pin.heading":           "Staff PIN",
		"pin.clear":             "Clear",
		"pin.ok":                "OK",
		"pin.cancel":            "Cancel",
		"pin.wrong":             "That PIN is not right.",
		"pin.locked":            "Too many wrong PINs. The pad is locked for 5 minutes.",
		"staff.heading":         "Staff",
		"staff.reset":           "Reset session",
		"staff.exit":            "Exit kiosk",
	},
}

// tr returns the interface text for a key in a language, falling back to English.
func tr(lang, key string) string {
	if s, ok := uiText[lang][key]; ok {
		return s
	}
	if s, ok := uiText["en"][key]; ok {
		return s
	}
	return key
}

// trf formats an interface text.
func trf(lang, key string, args ...any) string { return fmt.Sprintf(tr(lang, key), args...) }
