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

// med is a medicine entry taken on most days; more sets other fields
// ("med_adherence", "no", "med_for_depression", "other_reason", …).
func med(name, weeks, dose, improvement string, more ...string) map[string]string {
	e := map[string]string{"med_name": name, "med_weeks": weeks, "med_full_dose": dose, "med_adherence": "yes", "med_improvement": improvement}
	for i := 0; i+1 < len(more); i += 2 {
		e[more[i]] = more[i+1]
	}
	return e
}

// TestTrialCounting is spec section 3 as a table: what makes an entry
// failed, uncertain or not counted, and how entries add up to different
// medicines.
func TestTrialCounting(t *testing.T) {
	def := defaultDefinition(t)
	sert := func(weeks, dose, improvement string, more ...string) map[string]string {
		return med("sertraline", weeks, dose, improvement, more...)
	}
	cases := []struct {
		name              string
		entries           []map[string]string
		failed, uncertain int
	}{
		{"8 weeks, under 25%, full dose", []map[string]string{sert("8_plus", "yes", "under_25")}, 1, 0},
		{"6-7 weeks, 25-49%, full dose", []map[string]string{sert("6_7", "yes", "25_49")}, 1, 0},
		{"4-5 weeks is too short by default", []map[string]string{sert("4_5", "yes", "under_25")}, 0, 0},
		{"under 4 weeks never counts", []map[string]string{sert("under_4", "yes", "under_25")}, 0, 0},
		{"50% or more is a response", []map[string]string{sert("8_plus", "yes", "50_plus")}, 0, 0},
		{"full dose not reached does not count", []map[string]string{sert("8_plus", "no", "under_25")}, 0, 0},
		{"dose unsure is uncertain, not failed", []map[string]string{sert("8_plus", "unsure", "under_25")}, 0, 1},
		{"not taken on most days does not count", []map[string]string{sert("8_plus", "yes", "under_25", "med_adherence", "no")}, 0, 0},
		{"adherence unsure is uncertain", []map[string]string{sert("8_plus", "yes", "under_25", "med_adherence", "unsure")}, 0, 1},
		{"weeks unsure is uncertain", []map[string]string{sert("unsure", "yes", "under_25")}, 0, 1},
		{"improvement unsure is uncertain", []map[string]string{sert("6_7", "yes", "unsure")}, 0, 1},
		{"everything unsure is uncertain", []map[string]string{sert("unsure", "unsure", "unsure", "med_adherence", "unsure")}, 0, 1},
		{"unsure with the dose not reached is neither", []map[string]string{sert("unsure", "no", "unsure")}, 0, 0},
		{"unsure weeks but a response is neither", []map[string]string{sert("unsure", "yes", "50_plus")}, 0, 0},
		{"too short with unsure improvement is neither", []map[string]string{sert("4_5", "yes", "unsure")}, 0, 0},
		{"the same medicine twice is one", []map[string]string{sert("8_plus", "yes", "under_25"), sert("6_7", "yes", "25_49")}, 1, 0},
		{"two different medicines are two", []map[string]string{sert("8_plus", "yes", "under_25"), med("fluoxetine", "8_plus", "yes", "under_25")}, 2, 0},
		{"an uncertain entry of a failed medicine counts for nothing", []map[string]string{sert("unsure", "yes", "under_25"), sert("8_plus", "yes", "under_25")}, 1, 0},
		{"a failed entry after an uncertain one of the same medicine", []map[string]string{sert("8_plus", "unsure", "under_25"), sert("8_plus", "yes", "under_25"), sert("unsure", "yes", "unsure")}, 1, 0},
		{"uncertain entries of one named medicine count once", []map[string]string{sert("unsure", "yes", "under_25"), sert("8_plus", "unsure", "under_25")}, 0, 1},
		{"another antidepressant is uncertain", []map[string]string{med("other", "8_plus", "yes", "under_25")}, 0, 1},
		{"an unknown name is uncertain", []map[string]string{med("unsure", "8_plus", "yes", "under_25")}, 0, 1},
		{"two unknown names are two unknown medicines", []map[string]string{med("unsure", "8_plus", "yes", "under_25"), med("unsure", "6_7", "yes", "25_49")}, 0, 2},
		{"another and an unknown name are two", []map[string]string{med("other", "8_plus", "yes", "under_25"), med("unsure", "6_7", "yes", "25_49")}, 0, 2},
		{"an unknown name that was too short is neither", []map[string]string{med("unsure", "4_5", "yes", "under_25")}, 0, 0},
		{"a failed medicine and an unknown name", []map[string]string{sert("8_plus", "yes", "under_25"), med("unsure", "8_plus", "yes", "under_25")}, 1, 1},
		{"partial response below the full dose is neither", []map[string]string{sert("8_plus", "no", "25_49")}, 0, 0},
	}
	// med_for_depression: asked only of the eight medicines often given at
	// low doses for something else; each answer, for each of them.
	for _, name := range []string{"trazodone", "mirtazapine", "amitriptyline", "nortriptyline", "imipramine", "desipramine", "duloxetine", "bupropion"} {
		cases = append(cases,
			struct {
				name              string
				entries           []map[string]string
				failed, uncertain int
			}{name + " for depression", []map[string]string{med(name, "8_plus", "yes", "under_25", "med_for_depression", "yes")}, 1, 0},
			struct {
				name              string
				entries           []map[string]string
				failed, uncertain int
			}{name + " for something else", []map[string]string{med(name, "8_plus", "yes", "under_25", "med_for_depression", "other_reason")}, 0, 0},
			struct {
				name              string
				entries           []map[string]string
				failed, uncertain int
			}{name + " for a reason not known", []map[string]string{med(name, "8_plus", "yes", "under_25", "med_for_depression", "unsure")}, 0, 1},
		)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries := make([]any, len(c.entries))
			for i, e := range c.entries {
				entries[i] = e
			}
			s := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": entries}))
			if open := s.Unanswered(); len(open) > 0 {
				t.Fatalf("entries %v leave %s unanswered", c.entries, open[0].ID)
			}
			res := s.Result()
			f, u := res.Score("trials_failed").Value, res.Score("trials_uncertain").Value
			if f != c.failed || u != c.uncertain {
				t.Errorf("entries %v: failed %d uncertain %d, want %d %d", c.entries, f, u, c.failed, c.uncertain)
			}
			if res.HasFlag("dose_unverified") {
				t.Error("the retired flag dose_unverified was raised")
			}
		})
	}
}

// TestForDepressionIsAskedOnlyOfLowDoseMedicines checks the field's show_if:
// the question is shown for the eight medicines and not for others, whose
// answer to it (in an answers file) is ignored.
func TestForDepressionIsAskedOnlyOfLowDoseMedicines(t *testing.T) {
	def := defaultDefinition(t)
	asked := map[string]bool{"trazodone": true, "mirtazapine": true, "amitriptyline": true, "nortriptyline": true, "imipramine": true, "desipramine": true, "duloxetine": true, "bupropion": true}
	for _, code := range def.Item("meds").Field("med_name").Codes() {
		s := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": []any{med(code, "8_plus", "yes", "under_25", "med_for_depression", "other_reason")}}))
		if got := s.FieldShownIn("meds", 0, "med_for_depression"); got != asked[code] {
			t.Errorf("%s: med_for_depression shown %v, want %v", code, got, asked[code])
		}
		failed := s.Result().Score("trials_failed").Value
		want := 1
		if asked[code] || code == "other" || code == "unsure" {
			want = 0
		}
		if failed != want {
			t.Errorf("%s prescribed for something else: failed %d, want %d", code, failed, want)
		}
	}
	// Without the answer, a medicine that asks it is unanswered.
	e := med("trazodone", "8_plus", "yes", "under_25")
	if open := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": []any{e}})).Unanswered(); len(open) != 1 || open[0].ID != "meds" {
		t.Errorf("trazodone without med_for_depression: unanswered %v, want meds", open)
	}
}

func TestClinicCanCountFourWeekTrials(t *testing.T) {
	def := loadMutated(t, "codes: [6_7, 8_plus]", "codes: [4_5, 6_7, 8_plus]")
	res := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": []any{med("sertraline", "4_5", "yes", "under_25")}})).Result()
	if n := res.Score("trials_failed").Value; n != 1 {
		t.Errorf("with 4_5 weeks allowed, a 4-5 week trial counts %d failed, want 1", n)
	}
}

// TestPathwayRules walks the pathway rules of spec section 4 in order, at
// their boundaries: P = 4/5 and 9/10, F + U = 1/2, every trigger of
// specialist_first and every ketamine_prior code.
func TestPathwayRules(t *testing.T) {
	def := defaultDefinition(t)
	failed := med("sertraline", "8_plus", "yes", "under_25")
	failed2 := med("escitalopram", "6_7", "yes", "25_49")
	unsure := med("citalopram", "unsure", "yes", "under_25")
	unsure2 := med("vortioxetine", "8_plus", "unsure", "under_25")
	good := med("bupropion", "8_plus", "yes", "50_plus", "med_for_depression", "yes")
	two := map[string]any{"ad_any": "yes", "meds": []any{failed, failed2}}
	with := func(total int, extras ...map[string]any) map[string]any {
		m := phq9Answers(total)
		for _, extra := range extras {
			for k, v := range extra {
				m[k] = v
			}
		}
		return m
	}
	kp := func(code string) map[string]any { return map[string]any{"ketamine_prior": code} }
	cases := []struct {
		name    string
		changes map[string]any
		pathway string
	}{
		// 1. ketamine now
		{"P 0, ketamine now", with(0, kp("current")), "provider_review"},
		{"P 20, F 2, ketamine now", with(20, two, kp("current")), "provider_review"},
		{"P 12, bipolar, ketamine now", with(12, kp("current"), map[string]any{"bipolar": "yes"}), "provider_review"},
		// 2. minimal
		{"P 4 is no suggestion even after failed trials", with(4, two), "no_suggestion"},
		{"P 4, bipolar", with(4, map[string]any{"bipolar": "yes"}), "no_suggestion"},
		// 3. specialist first, from P 5
		{"P 5, bipolar", with(5, map[string]any{"bipolar": "yes"}), "specialist_first"},
		{"P 5, psychosis", with(5, map[string]any{"psychosis": "yes"}), "specialist_first"},
		{"P 5, substance problem in the past 12 months", with(5, map[string]any{"substance_use": "recent"}), "specialist_first"},
		{"P 5, ketamine misuse in the past year", with(5, map[string]any{"ketamine_misuse": "recent"}), "specialist_first"},
		{"P 15, F 2, bipolar", with(15, two, map[string]any{"bipolar": "yes"}), "specialist_first"},
		{"P 15, F 2, bipolar unsure", with(15, two, map[string]any{"bipolar": "unsure"}), "discuss_ketamine"},
		{"P 15, F 2, past substance problem and ketamine misuse", with(15, two, map[string]any{"substance_use": "past", "ketamine_misuse": "past"}), "discuss_ketamine"},
		// 4. episode under two months
		{"P 10, F 2, episode under 2 months", with(10, two, map[string]any{"episode_length": "under_2m"}), "provider_review"},
		{"P 10, F 2, episode 2-6 months", with(10, two, map[string]any{"episode_length": "2_6m"}), "discuss_ketamine"},
		// 5. ketamine did not help
		{"P 10, F 2, ketamine did not help", with(10, two, kp("not_helped")), "provider_review"},
		// 6. two failed trials
		{"P 10, F 2", with(10, two), "discuss_ketamine"},
		{"P 9, F 2", with(9, two), "provider_review"},
		{"P 10, F 2, brain bleed", with(10, two, map[string]any{"brain_bleed": "yes"}), "ketamine_unlikely"},
		{"P 10, F 2, allergy unsure is not a hard stop", with(10, two, map[string]any{"ketamine_allergy": "unsure"}), "discuss_ketamine"},
		{"P 10, F 2, ketamine helped", with(10, two, kp("helped")), "discuss_ketamine"},
		{"P 10, F 2, bad reaction", with(10, two, kp("bad_reaction")), "discuss_ketamine"},
		// 7. ketamine helped, from P 5
		{"P 5, ketamine helped", with(5, kp("helped")), "provider_review"},
		{"P 4, ketamine helped", with(4, kp("helped")), "no_suggestion"},
		{"P 12, ketamine helped, AVM", with(12, kp("helped"), map[string]any{"avm": "yes"}), "provider_review"},
		{"P 12, ketamine did not help, no trials", with(12, kp("not_helped")), "not_first_step"},
		{"P 12, bad reaction, no trials", with(12, kp("bad_reaction")), "not_first_step"},
		// 8. uncertain history, from P 10
		{"P 10, F 1 + U 1", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, unsure}}), "provider_review"},
		{"P 10, U 2", with(10, map[string]any{"ad_any": "yes", "meds": []any{unsure, unsure2}}), "provider_review"},
		{"P 10, U 1", with(10, map[string]any{"ad_any": "yes", "meds": []any{unsure}}), "not_first_step"},
		{"P 10, F 1", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, good}}), "not_first_step"},
		{"P 10, F 1, augmentation", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed}, "augmentation": "yes"}), "provider_review"},
		{"P 10, F 1, augmentation unsure", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed}, "augmentation": "unsure"}), "not_first_step"},
		{"P 10, ECT did not help, no trials", with(10, map[string]any{"ect": "not_helped"}), "provider_review"},
		{"P 10, TMS did not help, no trials", with(10, map[string]any{"tms": "not_helped"}), "provider_review"},
		{"P 10, ECT helped", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed}, "ect": "helped"}), "not_first_step"},
		{"P 10, antidepressants unsure", with(10, map[string]any{"ad_any": "unsure"}), "provider_review"},
		{"P 9, F 1 + U 1 is not enough below 10", with(9, map[string]any{"ad_any": "yes", "meds": []any{failed, unsure}}), "not_first_step"},
		{"P 9, TMS did not help", with(9, map[string]any{"tms": "not_helped"}), "not_first_step"},
		// 9. residual symptoms
		{"P 5, F 2", with(5, two), "provider_review"},
		// 10. otherwise
		{"P 20, no antidepressants", with(20), "not_first_step"},
		{"P 10, the same medicine twice", with(10, map[string]any{"ad_any": "yes", "meds": []any{failed, failed}}), "not_first_step"},
		{"P 10, trazodone for sleep twice", with(10, map[string]any{"ad_any": "yes", "meds": []any{
			med("trazodone", "8_plus", "yes", "under_25", "med_for_depression", "other_reason"),
			med("amitriptyline", "8_plus", "yes", "under_25", "med_for_depression", "other_reason")}}), "not_first_step"},
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
		{map[string]any{"high_bp": "controlled"}, []string{"bp_controlled"}},
		{map[string]any{"heart_disease": "past"}, []string{"heart"}},
		{map[string]any{"heart_disease": "recent"}, []string{"heart", "heart_recent"}},
		{map[string]any{"breathing": "unsure"}, []string{"breathing"}},
		{map[string]any{"psychosis": "unsure"}, []string{"psychosis"}},
		{map[string]any{"bipolar": "yes"}, []string{"bipolar", "bipolar_eval"}},
		{map[string]any{"bipolar": "unsure"}, []string{"bipolar", "bipolar_eval"}},
		{map[string]any{"substance_use": "recent"}, []string{"substance_use"}},
		{map[string]any{"ketamine_misuse": "past"}, []string{"substance_use"}},
		{map[string]any{"pregnancy": "planning"}, []string{"pregnancy"}},
		{map[string]any{"pregnancy": "might_be"}, []string{"pregnancy"}},
		{map[string]any{"pregnancy": "no"}, nil},
		{map[string]any{"liver_disease": "unsure", "bladder_problems": "unsure"}, []string{"bladder", "liver"}},
		{map[string]any{"age_65_plus": "yes"}, []string{"older_adult"}},
		{map[string]any{"interacting_meds": []string{"opioid"}}, []string{"interaction_sedation"}},
		{map[string]any{"interacting_meds": []string{"stimulant"}}, []string{"interaction_blood_pressure"}},
		{map[string]any{"interacting_meds": []string{"lamotrigine"}}, []string{"interaction_lamotrigine"}},
		{map[string]any{"interacting_meds": []string{"unsure"}}, []string{"interaction_blood_pressure", "interaction_lamotrigine", "interaction_sedation"}},
		{map[string]any{"ad_any": "yes", "meds": []any{med("isocarboxazid", "4_5", "yes", "under_25", "med_stop_reason", "still_taking")}}, []string{"interaction_blood_pressure"}},
		{map[string]any{"ad_any": "yes", "meds": []any{med("phenelzine", "4_5", "yes", "under_25", "med_stop_reason", "cost")}}, nil},
		{map[string]any{"ketamine_prior": "bad_reaction"}, []string{"prior_ketamine_reaction"}},
		{map[string]any{"ketamine_prior": "not_helped"}, []string{"prior_ketamine_nonresponse"}},
		{map[string]any{"ad_any": "yes", "meds": []any{med("sertraline", "8_plus", "yes", "25_49")}}, []string{"partial_response"}},
		{map[string]any{"ad_any": "yes", "meds": []any{med("sertraline", "8_plus", "unsure", "25_49")}}, nil},
		{map[string]any{"goals": []string{"rapid_relief", "pain_relief"}}, []string{"pain_specialist"}},
		{map[string]any{"goals": []string{"ptsd_relief"}}, []string{"ptsd_evidence_note"}},
		{map[string]any{"twice_weekly": "no"}, []string{"logistics_note"}},
		{map[string]any{"pcptsd5_trauma": "prefer_not"}, []string{"ptsd_not_completed"}},
		{map[string]any{"phq9_9": "1", "phq9_difficulty": "0"}, []string{"safety_followup"}},
		{phq9Answers(20), []string{"see_provider_soon"}},
		{phq9Answers(19), nil},
		{map[string]any{"asq_1": "yes", "asq_5": "no", "lethal_means": "yes"}, []string{"lethal_means_access"}},
		{map[string]any{"asq_1": "yes", "asq_5": "no", "lethal_means": "prefer_not"}, nil},
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
		med("bupropion", "unsure", "yes", "unsure", "med_for_depression", "yes"),
		med("sertraline", "unsure", "yes", "under_25"),
		med("trazodone", "8_plus", "yes", "under_25", "med_for_depression", "other_reason"),
		med("vortioxetine", "8_plus", "yes", "under_25", "med_adherence", "no"),
	}}))
	want := [][]string{
		nil,
		{"too short: not taken long enough at the intended dose", "dose not raised: the full intended dose was not reached"},
		{"improved 50% or more (a response)"},
		{"time at the intended dose not known", "improvement not known"},
		{"same medicine counted already"},
		{"prescribed for something else (such as sleep, pain or quitting smoking)"},
		{"not taken on most days"},
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
