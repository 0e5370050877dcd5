package questionnaire

import (
	"fmt"
	"testing"
)

func TestPHQ9BandsAtEveryBoundary(t *testing.T) {
	def := defaultDefinition(t)
	cases := []struct {
		total int
		band  string
	}{
		{0, "minimal"}, {4, "minimal"}, {5, "mild"}, {9, "mild"}, {10, "moderate"}, {14, "moderate"},
		{15, "moderately_severe"}, {19, "moderately_severe"}, {20, "severe"}, {24, "severe"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.total), func(t *testing.T) {
			s := resultOf(t, def, phq9Answers(c.total)).Score("phq9")
			if s.Value != c.total || s.Band.Code != c.band {
				t.Errorf("PHQ-9 items adding to %d: got %d %s, want %d %s", c.total, s.Value, s.Band.Code, c.total, c.band)
			}
		})
	}
	t.Run("27", func(t *testing.T) {
		ch := phq9Answers(24)
		ch["phq9_9"] = "3"
		s := resultOf(t, def, ch).Score("phq9")
		if s.Value != 27 || s.Band.Code != "severe" {
			t.Errorf("every PHQ-9 item 3: got %d %s, want 27 severe", s.Value, s.Band.Code)
		}
	})
}

func TestGAD7BandsAtEveryBoundary(t *testing.T) {
	def := defaultDefinition(t)
	cases := []struct {
		total    int
		band     string
		evaluate bool
	}{
		{0, "minimal", false}, {4, "minimal", false}, {5, "mild", false}, {9, "mild", false},
		{10, "moderate", true}, {14, "moderate", true}, {15, "severe", true}, {21, "severe", true},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.total), func(t *testing.T) {
			res := resultOf(t, def, gad7Answers(c.total))
			s := res.Score("gad7")
			if s.Value != c.total || s.Band.Code != c.band {
				t.Errorf("GAD-7 items adding to %d: got %d %s, want %s", c.total, s.Value, s.Band.Code, c.band)
			}
			if res.HasFlag("anxiety_eval") != c.evaluate {
				t.Errorf("GAD-7 %d: anxiety_eval raised %v, want %v", c.total, res.HasFlag("anxiety_eval"), c.evaluate)
			}
		})
	}
}

func TestPCPTSD5CutOff(t *testing.T) {
	def := defaultDefinition(t)
	for yes := 0; yes <= 5; yes++ {
		t.Run(fmt.Sprint(yes), func(t *testing.T) {
			ch := map[string]any{"pcptsd5_trauma": "yes"}
			for i := 1; i <= 5; i++ {
				ch[fmt.Sprintf("pcptsd5_%d", i)] = map[bool]string{true: "yes", false: "no"}[i <= yes]
			}
			res := resultOf(t, def, ch)
			s := res.Score("pcptsd5")
			if s.Value != yes || s.Positive != (yes >= 3) || res.HasFlag("ptsd_eval") != (yes >= 3) {
				t.Errorf("%d yes answers: score %d positive %v ptsd_eval %v; want positive from 3", yes, s.Value, s.Positive, res.HasFlag("ptsd_eval"))
			}
		})
	}
	for _, exposure := range []string{"no", "prefer_not"} {
		ch := map[string]any{"pcptsd5_trauma": exposure, "pcptsd5_1": "yes", "pcptsd5_2": "yes", "pcptsd5_3": "yes", "pcptsd5_4": "yes"}
		if s := resultOf(t, def, ch).Score("pcptsd5"); s.Value != 0 || s.Positive {
			t.Errorf("exposure %s with hidden yes answers: score %d positive %v, want 0 and negative", exposure, s.Value, s.Positive)
		}
	}
}

func TestClinicCanRaisePCPTSD5CutOffTo4(t *testing.T) {
	def := loadMutated(t, "number: 3", "number: 4")
	ch := map[string]any{"pcptsd5_trauma": "yes", "pcptsd5_1": "yes", "pcptsd5_2": "yes", "pcptsd5_3": "yes", "pcptsd5_4": "no", "pcptsd5_5": "no"}
	if res := NewSessionWith(def, answers(t, def, ch)).Result(); res.HasFlag("ptsd_eval") {
		t.Error("with the cut-off set to 4, three yes answers still raise ptsd_eval")
	}
	ch["pcptsd5_4"] = "yes"
	if res := NewSessionWith(def, answers(t, def, ch)).Result(); !res.HasFlag("ptsd_eval") {
		t.Error("with the cut-off set to 4, four yes answers do not raise ptsd_eval")
	}
}

func med(name, weeks, dose, improvement string) map[string]string {
	return map[string]string{"med_name": name, "med_weeks": weeks, "med_full_dose": dose, "med_improvement": improvement}
}

func TestTrialCounting(t *testing.T) {
	def := defaultDefinition(t)
	cases := []struct {
		name              string
		entry             map[string]string
		failed, uncertain int
		doseUnverified    bool
	}{
		{"8 weeks, under 25%, full dose", med("sertraline", "8_plus", "yes", "under_25"), 1, 0, false},
		{"6-7 weeks, 25-49%, full dose", med("sertraline", "6_7", "yes", "25_49"), 1, 0, false},
		{"4-5 weeks is too short by default", med("sertraline", "4_5", "yes", "under_25"), 0, 0, false},
		{"under 4 weeks never counts", med("sertraline", "under_4", "yes", "under_25"), 0, 0, false},
		{"50% or more is a response", med("sertraline", "8_plus", "yes", "50_plus"), 0, 0, false},
		{"dose not raised does not count", med("sertraline", "8_plus", "no", "under_25"), 0, 0, false},
		{"dose unsure still counts, flagged", med("sertraline", "8_plus", "unsure", "under_25"), 1, 0, true},
		{"weeks unsure is uncertain", med("sertraline", "unsure", "yes", "under_25"), 0, 1, false},
		{"improvement unsure is uncertain", med("sertraline", "6_7", "yes", "unsure"), 0, 1, false},
		{"both unsure is uncertain", med("sertraline", "unsure", "unsure", "unsure"), 0, 1, false},
		{"unsure with dose not raised is neither", med("sertraline", "unsure", "no", "unsure"), 0, 0, false},
		{"unsure weeks but a response is neither", med("sertraline", "unsure", "yes", "50_plus"), 0, 0, false},
		{"too short with unsure improvement is neither", med("sertraline", "4_5", "yes", "unsure"), 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := resultOf(t, def, map[string]any{"ad_any": "yes", "meds": []any{c.entry}})
			f, u := res.Score("trials_failed").Value, res.Score("trials_uncertain").Value
			if f != c.failed || u != c.uncertain || res.HasFlag("dose_unverified") != c.doseUnverified {
				t.Errorf("entry %v: failed %d uncertain %d dose_unverified %v, want %d %d %v", c.entry, f, u, res.HasFlag("dose_unverified"), c.failed, c.uncertain, c.doseUnverified)
			}
		})
	}
}

func TestClinicCanCountFourWeekTrials(t *testing.T) {
	def := loadMutated(t, "codes: [6_7, 8_plus]", "codes: [4_5, 6_7, 8_plus]")
	res := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": []any{med("sertraline", "4_5", "yes", "under_25")}})).Result()
	if n := res.Score("trials_failed").Value; n != 1 {
		t.Errorf("with 4_5 weeks allowed, a 4-5 week trial counts %d failed, want 1", n)
	}
}

func TestPathwayRules(t *testing.T) {
	def := defaultDefinition(t)
	failed := med("sertraline", "8_plus", "yes", "under_25")
	unsure := med("citalopram", "unsure", "yes", "under_25")
	good := med("bupropion", "8_plus", "yes", "50_plus")
	with := func(total int, extra map[string]any) map[string]any {
		m := phq9Answers(total)
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name    string
		changes map[string]any
		pathway string
	}{
		{"P 4 is no suggestion even after failed trials", with(4, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}}), "no_suggestion"},
		{"P 10, F 2", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}}), "discuss_ketamine"},
		{"P 10, F 2, brain bleed", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}, "brain_bleed": "yes"}), "ketamine_unlikely"},
		{"P 10, F 2, allergy unsure is not a hard stop", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}, "ketamine_allergy": "unsure"}), "discuss_ketamine"},
		{"P 12, ketamine helped", with(12, map[string]any{"ketamine_prior": "helped"}), "discuss_ketamine"},
		{"P 12, ketamine helped, AVM", with(12, map[string]any{"ketamine_prior": "helped", "avm": "yes"}), "ketamine_unlikely"},
		{"P 10, F 1 + U 1", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, unsure}}), "provider_review"},
		{"P 10, U 2", with(10, map[string]any{"ad_any": "yes", "meds": []any{unsure, unsure}}), "provider_review"},
		{"P 10, F 1, ECT did not help", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed}, "ect": "not_helped"}), "provider_review"},
		{"P 10, F 1, augmentation", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed}, "augmentation": "yes"}), "provider_review"},
		{"P 10, F 1, ECT helped", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed}, "ect": "helped"}), "not_first_step"},
		{"P 10, F 1 alone", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, good}}), "not_first_step"},
		{"P 9, F 2", with(9, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}}), "provider_review"},
		{"P 5, F 2", with(5, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}}), "provider_review"},
		{"P 9, F 1 + U 1 is not enough below 10", with(9, map[string]any{"ad_any": "yes", "meds": []any{failed, unsure}}), "not_first_step"},
		{"P 20, no antidepressants", with(20, nil), "not_first_step"},
		{"P 9, ketamine helped is not enough below 10", with(9, map[string]any{"ketamine_prior": "helped"}), "not_first_step"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := resultOf(t, def, c.changes)
			if res.PathwayID() != c.pathway || res.OutcomeID() != c.pathway {
				t.Errorf("answers %v: outcome %s pathway %s, want %s", c.changes, res.OutcomeID(), res.PathwayID(), c.pathway)
			}
		})
	}
}

func TestFlagsFollowTheSpecification(t *testing.T) {
	def := defaultDefinition(t)
	cases := []struct {
		changes map[string]any
		flags   []string
	}{
		{map[string]any{"aneurysm": "yes"}, []string{"aneurysm"}},
		{map[string]any{"avm": "unsure"}, []string{"contraindication_unsure"}},
		{map[string]any{"high_bp": "unsure"}, []string{"blood_pressure"}},
		{map[string]any{"high_bp": "controlled"}, nil},
		{map[string]any{"heart_disease": "yes"}, []string{"heart"}},
		{map[string]any{"psychosis": "unsure"}, nil},
		{map[string]any{"bipolar": "yes"}, []string{"bipolar", "bipolar_eval"}},
		{map[string]any{"substance_use": "current"}, []string{"substance_use"}},
		{map[string]any{"pregnancy": "planning"}, []string{"pregnancy"}},
		{map[string]any{"pregnancy": "no"}, nil},
		{map[string]any{"interacting_meds": []string{"opioid"}}, []string{"interacting_meds"}},
		{map[string]any{"ketamine_prior": "bad_reaction"}, []string{"prior_ketamine_reaction"}},
		{map[string]any{"goals": []string{"rapid_relief", "pain_relief"}}, []string{"pain_specialist"}},
		{map[string]any{"twice_weekly": "no"}, []string{"logistics_note"}},
		{map[string]any{"phq9_9": "1", "phq9_difficulty": "0"}, []string{"safety_followup"}},
	}
	for _, c := range cases {
		res := resultOf(t, def, c.changes)
		got := res.FlagIDs()
		if fmt.Sprint(got) != fmt.Sprint(append([]string{}, c.flags...)) {
			t.Errorf("answers %v: flags %v, want %v", c.changes, got, c.flags)
		}
	}
}

func TestEntryNotCountedSaysWhy(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": []any{
		med("sertraline", "8_plus", "yes", "under_25"),
		med("fluoxetine", "4_5", "no", "under_25"),
		med("citalopram", "8_plus", "yes", "50_plus"),
		med("bupropion", "unsure", "yes", "unsure"),
	}}))
	want := [][]string{
		nil,
		{"not taken long enough at the intended dose", "dose not raised to what the prescriber intended"},
		{"helped by half or more (a response)"},
		{"time at the intended dose not known", "improvement not known"},
	}
	for i, w := range want {
		var got []string
		for _, text := range s.EntryNotCounted("trials_failed", i) {
			got = append(got, text.In("en"))
		}
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("entry %d: %v, want %v", i+1, got, w)
		}
	}
}
