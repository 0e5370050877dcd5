package screens

import "ketascreen/uitext"

// tr returns the interface text for a key in a language (assets/text),
// falling back to English.
func tr(lang, key string) string { return uitext.Get(lang, key) }

func trf(lang, key string, args ...any) string { return uitext.Getf(lang, key, args...) }
