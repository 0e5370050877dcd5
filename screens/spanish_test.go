package screens

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestSpanishPathThroughTheApp answers everything in Spanish, by keyboard,
// and checks the official Spanish wording, the Spanish crisis line, the
// missing PTSD screen and a Spanish result.
func TestSpanishPathThroughTheApp(t *testing.T) {
	d := newDriver(t)
	d.tap("Español")
	if !d.sees("Antes de hablar con un proveedor sobre la ketamina") || !d.sees("Línea 988 de Prevención del Suicidio y Crisis") {
		t.Fatalf("the welcome screen in Spanish:\n%s", d.screenText())
	}
	d.tap("Comenzar")
	answers := with(moderate, map[string]any{"phq9_9": nil})
	d.keyboardAnswers(answers)
	if d.ui.nav.asking().ID != "phq9_9" || !d.sees("Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera") || !d.sees("Durante las últimas 2 semanas") {
		t.Fatalf("PHQ-9 item 9 in Spanish:\n%s", d.screenText())
	}
	d.digit("0")
	d.keyboardAnswers(answers)
	for _, it := range d.ui.session.Flow() {
		if it.Section.ID == "trauma" {
			t.Fatal("the PC-PTSD-5 was asked in Spanish")
		}
	}
	d.key(fyne.KeyReturn)
	if d.ui.nav.name != screenResult || !d.sees("Normalmente se prueban otros tratamientos antes que la ketamina") {
		t.Fatalf("the result in Spanish: %s\n%s", d.ui.nav.name, d.screenText())
	}
	d.tab("Sus puntuaciones")
	if !d.sees("La evaluación de trauma (PC-PTSD-5) no se realizó") {
		t.Errorf("the result does not say the PTSD screen was not given:\n%s", d.screenText())
	}
	d.tap("English") // switching language keeps every answer
	// In English the PC-PTSD-5 is asked: the app goes to it, then back to the review.
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking().ID != "pcptsd5_trauma" {
		t.Fatalf("after switching to English: %s %v", d.ui.nav.name, d.ui.nav.asking())
	}
	d.choose("no")
	d.tap("See my result")
	if !d.sees("Other treatments usually come before ketamine") {
		t.Errorf("the result in English:\n%s", d.screenText())
	}
}

func TestLanguageChangeKeepsAnswersMidway(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("yes")
	d.choose("no") // 65 or older
	d.choose("2")
	d.tap("Español")
	if d.ui.nav.asking().ID != "phq9_2" || !d.sees("Se ha sentido decaído(a), deprimido(a) o sin esperanzas") {
		t.Fatalf("after switching mid-way:\n%s", d.screenText())
	}
	d.tap("Atrás")
	if a, _ := d.ui.session.Answer("phq9_1"); a.Code != "2" || !slices.Contains(d.texts(), "Más de la mitad de los días") {
		t.Errorf("the earlier answer after switching: %q", a.Code)
	}
	if strings.Contains(d.screenText(), "Little interest") {
		t.Error("English wording left on a Spanish screen")
	}
}

// TestLowVisionSpanishSpeakerCompletesByKeyboard is the aim: Spanish,
// 200% text, high contrast, questions read aloud, keyboard only, a Spanish result.
func TestLowVisionSpanishSpeakerCompletesByKeyboard(t *testing.T) {
	d := newDriver(t)
	sp := &fakeSpeaker{}
	d.ui.opts.Speaker = sp
	d.tap("Español")
	largest(d)
	d.tap("Alto contraste")
	d.key(fyne.KeyReturn) // Comenzar
	d.tap("Leer en voz alta")
	if len(sp.said) != 1 || !strings.HasPrefix(sp.said[0], "es: ¿Tiene usted 18 años o más?") {
		t.Fatalf("read aloud: %q", sp.said)
	}
	d.keyboardAnswers(with(moderate, nil))
	d.key(fyne.KeyReturn) // Ver mi resultado
	if d.ui.nav.name != screenResult || !d.sees("Normalmente se prueban otros tratamientos antes que la ketamina") {
		t.Fatalf("%s\n%s", d.ui.nav.name, d.screenText())
	}
	if th, ok := fyne.CurrentApp().Settings().Theme().(readableTheme); !ok || th.Scale != 2 || !th.HighContrast {
		t.Errorf("theme %+v", fyne.CurrentApp().Settings().Theme())
	}
}
