package screens

import (
	"strings"
	"testing"
)

// TestTheResultSaysOneThingAboutTheMedicines: four medicines (one that did
// not work, one whose dose is not known, the first one again, one too short)
// show as counts of different medicines that add up, each named once, and
// the reasons name every value of a medicine with what it answers.
func TestTheResultSaysOneThingAboutTheMedicines(t *testing.T) {
	d := newDriver(t)
	answers := with(moderate, map[string]any{"ad_any": "yes"})
	d.tap("Start")
	d.answerUntil(answers)
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")          // failed
	d.addMedicine("bup", "Bupropion (Wellbutrin)", "8_plus", "unsure", "yes", "25_49", "yes", "skip") // to check: dose not known
	d.addMedicine("zolo", "Sertraline (Zoloft)", "6_7", "yes", "yes", "under_25", "skip")             // the same medicine again
	d.addMedicine("prozac", "Fluoxetine (Prozac)", "4_5", "yes", "yes", "under_25", "skip")           // too short
	d.tap("Continue")
	d.answerUntil(answers)
	res := d.finish()
	d.tab("Your scores")
	failed, uncertain := res.Score("trials_failed").Value, res.Score("trials_uncertain").Value
	if failed != 1 || uncertain != 1 {
		t.Fatalf("failed %d, uncertain %d; want 1 and 1", failed, uncertain)
	}
	for _, line := range []string{
		"Antidepressants you listed: 4",
		"• Did not work well enough (different medicines): 1",
		"• Would count if a provider confirms the details you were not sure of: 1",
		"• Not counted: 2",
	} {
		if !d.sees(line) {
			t.Errorf("the scores tab lacks %q:\n%s", line, d.screenText())
		}
	}
	if d.sees("dose not confirmed") {
		t.Error("the scores tab still shows the retired dose_unverified count")
	}
	d.tab("Why")
	line := "Medicine 1: Sertraline (Zoloft) — Time at the intended dose: 8 weeks or more · Full intended dose reached: Yes · Taken on most days: Yes · Improvement at best: Little or no better"
	if !d.sees(line) || d.sees("(Sertraline (Zoloft))") {
		t.Errorf("the reasons do not name each of a medicine's answers:\n%s", d.screenText())
	}
}

// TestTheProviderTabAlwaysGivesTheSafetyScreen: the ASQ result and PHQ-9
// item 9 head "For your provider", positive or negative.
func TestTheProviderTabAlwaysGivesTheSafetyScreen(t *testing.T) {
	for _, c := range []struct {
		name    string
		answers map[string]any
		asq     string
		item9   string
	}{
		{"negative", map[string]any{}, "ASQ suicide risk screen: negative", "— Not at all"},
		{"positive", map[string]any{"asq_2": "yes", "asq_5": "no", "phq9_9": "1"}, "ASQ suicide risk screen: positive", "— Several days"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := newDriver(t)
			d.tap("Start")
			d.answerUntil(with(moderate, c.answers))
			if d.ui.nav.name == screenUrgent {
				d.tap("Continue the questionnaire")
				d.answerUntil(with(moderate, c.answers))
			}
			d.finish()
			d.tab("For your provider")
			if !d.sees("Safety screen") || !d.sees(c.asq) || !d.sees(c.item9) {
				t.Errorf("the provider tab:\n%s", d.screenText())
			}
		})
	}
}

// TestTheASQReasonIsWordedForWhereThePersonIs: at home a clinician should
// check "today"; on a clinic's kiosk "before you leave the clinic".
func TestTheASQReasonIsWordedForWhereThePersonIs(t *testing.T) {
	reach := func(d *driver) {
		answers := with(moderate, map[string]any{"asq_1": "yes", "asq_5": "no"})
		d.answerUntil(answers)
		d.tap("Continue the questionnaire")
		d.answerUntil(answers)
		d.finish()
		d.tab("Why")
	}
	home := newDriver(t)
	home.tap("Start")
	reach(home)
	if !home.sees("check on your safety today.") || home.sees("before you leave") {
		t.Errorf("at home:\n%s", home.screenText())
	}
	k := newKioskDriver(t)
	k.begin()
	reach(k.driver)
	if !k.sees("before you leave the clinic") {
		t.Errorf("in a kiosk:\n%s", k.screenText())
	}
}

// TestSmallWordingPoints: the PHQ-9 stem stays off its difficulty question;
// "choose all that apply" is said once; the progress total holds while the
// PHQ-9 is answered; Spanish screens speak to keyboard users too and give
// their sources in Spanish.
func TestSmallWordingPoints(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("yes")
	d.choose("no") // 65 or older
	if !d.sees("Mood · 1 of 10") {
		t.Errorf("progress on phq9_1:\n%s", d.screenText())
	}
	d.choose("3")
	if !d.sees("Mood · 2 of 10") {
		t.Errorf("progress after a first answer: %s", d.ui.progress.Text)
	}
	d.answerUntil(map[string]any{"phq9_difficulty": nil})
	stem := d.ui.def.Instruments[0].Stem.In("en")
	if d.sees(stem) {
		t.Error("the PHQ-9 stem shows above the difficulty question")
	}
	d.answerUntil(map[string]any{"interacting_meds": nil})
	if n := strings.Count(strings.ToLower(d.screenText()), "all that apply"); n != 1 {
		t.Errorf("\"all that apply\" %d times:\n%s", n, d.screenText())
	}
	d.ui.setLanguage("es")
	text := d.screenText()
	if strings.Contains(text, "toque") || strings.Contains(text, "Toque") || !strings.Contains(text, "Elija todas las opciones que correspondan y luego elija Continuar.") {
		t.Errorf("the Spanish multiple choice:\n%s", text)
	}
}

func TestSpanishSourcesAreInSpanish(t *testing.T) {
	d := newDriver(t)
	reachDiscussResult(d)
	d.ui.setLanguage("es")
	d.tab("Por qué")
	if !d.sees("Fuente: Gaynes BN et al., Depress Anxiety 2020 (definición de la depresión resistente al tratamiento)") {
		t.Errorf("the Spanish reasons' sources:\n%s", d.screenText())
	}
}
