package summary

import "ketascreen/uitext"

// label returns the summary's own words for key (assets/text, "summary."
// keys); the questionnaire's wording comes from the definition.
func label(lang, key string) string { return uitext.Get(lang, "summary."+key) }
