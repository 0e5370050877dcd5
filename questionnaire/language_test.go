package questionnaire

import (
	"strings"
	"testing"

	"ketascreen/assets"
)

func TestSpanishSkipsThePTSDScreenAndKeepsAnswers(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSessionWith(def, answers(t, def, map[string]any{"pcptsd5_trauma": "yes",
		"pcptsd5_1": "yes", "pcptsd5_2": "yes", "pcptsd5_3": "yes", "pcptsd5_4": "no", "pcptsd5_5": "no"}))
	if !s.Result().HasFlag("ptsd_eval") {
		t.Fatal("in English the PTSD screen counts")
	}
	s.SetLanguage("es")
	res := s.Result()
	if res.HasFlag("ptsd_eval") || s.Visible("pcptsd5_trauma") || !res.Complete {
		t.Errorf("in Spanish: ptsd_eval %v, trauma shown %v, complete %v", res.HasFlag("ptsd_eval"), s.Visible("pcptsd5_trauma"), res.Complete)
	}
	skipped := s.SkippedSections()
	if len(skipped) != 1 || skipped[0].ID != "trauma" || !strings.Contains(skipped[0].NotOffered.In("es"), "no se realizó") {
		t.Errorf("skipped sections %v", skipped)
	}
	s.SetLanguage("en")
	if !s.Result().HasFlag("ptsd_eval") {
		t.Error("switching back to English lost the trauma answers")
	}
}

func TestCheckFindsAMissingTranslation(t *testing.T) {
	src := mutate(t, string(assets.Questionnaire), `, es: "¿Tiene usted 18 años o más?"`, "")
	_, err := Load(testFile, []byte(src))
	if err == nil || !strings.Contains(err.Error(), `item "age_18_plus": text has no es wording`) {
		t.Errorf("a missing Spanish text: %v", err)
	}
}

func TestSpanishInstrumentWordingIsTheOfficialOne(t *testing.T) {
	def := defaultDefinition(t)
	want := map[string]string{
		"phq9_9": "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
		"gad7_2": "No ha sido capaz de parar o controlar su preocupación",
		"asq_5":  "¿Está pensando en suicidarse en este momento?",
	}
	for id, text := range want {
		if got := def.Item(id).Text.In("es"); got != text {
			t.Errorf("%s in Spanish: %q, want %q", id, got, text)
		}
	}
	if got := def.Item("phq9_1").Option("0").Text.In("es"); got != "Ningún día" {
		t.Errorf("PHQ-9 answer 0 in Spanish: %q", got)
	}
}
