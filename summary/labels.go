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
		"safety":            "Safety screen",
		"entries":           "Antidepressants listed: %d",
		"not_counted":       "not counted",
		"not_answered":      "not answered",
		"none":              "No medicine entered.",
		"col_counted":       "Counted as a failed trial?",
		"counted_yes":       "Yes",
		"counted_uncertain": "Would count once confirmed",
		"counted_no":        "No",
		"appendix":          "Appendix: every answer",
		"help_pressed":      "The person pressed \"I need help now\".",
		"entry":             "Medicine %d",
		"count":             "%d of %d",
		"positive":          "positive screen",
		"negative":          "negative screen",
		"not_completed":     "not completed",
		"changed":           "%s — first answer: %s; answer now: %s (the urgent screen was shown, and stays)",
		"page":              "Page %d of {nb}",
	},
	"es": {
		"title":             "KetaScreen: resumen para su proveedor",
		"meta":              "Fecha: %s   ID de respuesta: %s   Iniciales: %s",
		"no_name":           "no indicadas",
		"result":            "Resultado",
		"incomplete":        "Las preguntas no se terminaron.",
		"ended_early":       "Las preguntas se detuvieron aquí por seguridad; no se sugiere ningún tratamiento.",
		"pathway":           "Sobre la terapia con ketamina",
		"why":               "Por qué",
		"flags":             "Para el proveedor",
		"no_flags":          "Ninguna respuesta de salud necesita atención especial.",
		"scores":            "Puntuaciones",
		"partial":           "no se contestaron todas las preguntas",
		"safety":            "Evaluación de seguridad",
		"entries":           "Antidepresivos anotados: %d",
		"not_counted":       "no se contaron",
		"not_answered":      "sin contestar",
		"none":              "No se indicó ningún medicamento.",
		"col_counted":       "¿Cuenta como tratamiento fallido?",
		"counted_yes":       "Sí",
		"counted_uncertain": "Contaría si se confirma",
		"counted_no":        "No",
		"appendix":          "Apéndice: todas las respuestas",
		"help_pressed":      "La persona presionó \"Necesito ayuda ahora\".",
		"entry":             "Medicamento %d",
		"count":             "%d de %d",
		"positive":          "evaluación positiva",
		"negative":          "evaluación negativa",
		"not_completed":     "no completada",
		"changed":           "%s — primera respuesta: %s; respuesta ahora: %s (la pantalla urgente se mostró, y se mantiene)",
		"page":              "Página %d de {nb}",
	},
}

// label returns the summary's word for a key in a language, falling back to English.
func label(lang, key string) string {
	if s, ok := labels[lang][key]; ok {
		return s
	}
	return labels["en"][key]
}
