package questionnaire

import (
	"testing"
)

func TestDefaultDefinitionExamplesPass(t *testing.T) {
	def := defaultDefinition(t)
	if len(def.Examples) < 30 {
		t.Errorf("the default definition has %d examples, want at least 30", len(def.Examples))
	}
	for _, f := range def.RunExamples() {
		t.Error(f)
	}
}

func TestEveryRuleAndFlagFiresInSomeExample(t *testing.T) {
	def := defaultDefinition(t)
	fired := def.FiredRules()
	for _, r := range append(append([]*Rule{}, def.OutcomeRule...), def.PathwayRule...) {
		if !fired[r.ID] {
			t.Errorf("rule %s fires in no example", r.ID)
		}
	}
	for _, f := range def.Flags {
		if !fired["flag:"+f.ID] {
			t.Errorf("flag %s is raised in no example", f.ID)
		}
	}
}

func TestEveryOutcomeAndFlagOfTheSpecIsReachable(t *testing.T) {
	def := defaultDefinition(t)
	outcomes := map[string]bool{}
	for _, ex := range def.Examples {
		res := NewSessionWith(def, ex.Answers).Result()
		outcomes[res.OutcomeID()] = true
		outcomes[res.PathwayID()] = true
	}
	for _, want := range []string{"crisis", "adult_only", "urgent", "no_suggestion", "discuss_ketamine", "ketamine_unlikely", "provider_review", "not_first_step", "specialist_first"} {
		if !outcomes[want] {
			t.Errorf("no example reaches %s", want)
		}
	}
	// Version 2, section 4.
	specFlags := []string{"aneurysm", "avm", "brain_bleed", "ketamine_allergy", "contraindication_unsure",
		"blood_pressure", "bp_controlled", "heart", "heart_recent", "breathing", "psychosis", "bipolar",
		"substance_use", "pregnancy", "liver", "pressure", "bladder", "thyroid", "older_adult",
		"interaction_sedation", "interaction_blood_pressure", "interaction_lamotrigine",
		"prior_ketamine_reaction", "prior_ketamine_nonresponse", "partial_response",
		"ptsd_eval", "ptsd_not_completed", "ptsd_evidence_note", "anxiety_eval", "bipolar_eval", "pain_specialist",
		"home_ketamine_note", "logistics_note", "see_provider_soon", "safety_followup", "lethal_means_access", "youth_safety"}
	for _, retired := range []string{"interacting_meds", "dose_unverified"} {
		if def.Flag(retired) != nil {
			t.Errorf("the definition still has the retired flag %s", retired)
		}
	}
	fired := def.FiredRules()
	for _, f := range specFlags {
		if def.Flag(f) == nil {
			t.Errorf("the definition lacks the spec's flag %s", f)
		} else if !fired["flag:"+f] {
			t.Errorf("flag %s is reachable by no example", f)
		}
	}
	if len(def.Flags) != len(specFlags) {
		t.Errorf("the definition has %d flags, the spec %d", len(def.Flags), len(specFlags))
	}
}

func TestItemsAndCodesMatchTheSpecification(t *testing.T) {
	def := defaultDefinition(t)
	spec := map[string][]string{
		"age_18_plus": {"yes", "no"}, "age_65_plus": {"yes", "no"}, "lethal_means": {"yes", "no", "prefer_not"}, "phq9_1": {"0", "1", "2", "3"}, "phq9_9": {"0", "1", "2", "3"},
		"phq9_difficulty": {"0", "1", "2", "3"}, "asq_5": {"yes", "no"}, "gad7_7": {"0", "1", "2", "3"},
		"pcptsd5_trauma": {"yes", "no", "prefer_not"}, "pcptsd5_5": {"yes", "no"},
		"episode_length": {"under_2m", "2_6m", "6_12m", "1_2y", "over_2y", "unsure"},
		"ad_any":         {"yes", "no", "unsure"}, "augmentation": {"yes", "no", "unsure"},
		"psychotherapy": {"never", "past", "current"}, "ect": {"never", "helped", "not_helped"},
		"tms": {"never", "helped", "not_helped"}, "ketamine_prior": {"never", "current", "helped", "not_helped", "bad_reaction"},
		"aneurysm": {"yes", "no", "unsure"}, "high_bp": {"no", "controlled", "uncontrolled", "unsure"},
		"heart_disease": {"no", "past", "recent", "unsure"}, "breathing": {"yes", "no", "unsure"},
		"psychosis": {"yes", "no", "unsure"}, "bipolar": {"yes", "no", "unsure"},
		"substance_use": {"no", "past", "recent"}, "ketamine_misuse": {"no", "past", "recent"},
		"pregnancy":        {"no", "pregnant", "might_be", "planning", "breastfeeding", "not_applicable"},
		"interacting_meds": {"maoi", "stimulant", "benzodiazepine", "opioid", "gabapentinoid", "lamotrigine", "unsure", "none"},
		"hyperthyroid":     {"yes", "no", "unsure"},
		"goals":            {"rapid_relief", "fewer_meds", "therapy_boost", "ptsd_relief", "pain_relief", "focus_motivation", "at_home_ketamine", "learn_options"},
		"ride_home":        {"yes", "no", "unsure"}, "twice_weekly": {"yes", "no", "unsure"},
	}
	for id, codes := range spec {
		it := def.Item(id)
		if it == nil {
			t.Errorf("missing item %s", id)
			continue
		}
		if got := it.Codes(); len(got) != len(codes) || !sameSet(got, codes) {
			t.Errorf("%s codes %v, want %v", id, got, codes)
		}
	}
	meds := def.Item("meds")
	fields := map[string][]string{
		"med_weeks":          {"under_4", "4_5", "6_7", "8_plus", "unsure"},
		"med_full_dose":      {"yes", "no", "unsure"},
		"med_adherence":      {"yes", "no", "unsure"},
		"med_for_depression": {"yes", "other_reason", "unsure"},
		"med_improvement":    {"under_25", "25_49", "50_plus", "unsure"},
		"med_stop_reason":    {"still_taking", "no_benefit", "side_effects", "cost", "felt_better", "other"},
	}
	for id, codes := range fields {
		if f := meds.Field(id); f == nil || !sameSet(f.Codes(), codes) {
			t.Errorf("meds field %s: want codes %v", id, codes)
		}
	}
	generics := []string{"sertraline", "fluoxetine", "citalopram", "escitalopram", "paroxetine", "fluvoxamine",
		"venlafaxine", "desvenlafaxine", "duloxetine", "levomilnacipran", "bupropion", "mirtazapine", "trazodone",
		"vilazodone", "vortioxetine", "nortriptyline", "amitriptyline", "imipramine", "desipramine", "clomipramine",
		"phenelzine", "tranylcypromine", "isocarboxazid", "selegiline", "other", "unsure"}
	if got := meds.Field("med_name").Codes(); !sameSet(got, generics) {
		t.Errorf("medicine list %v, want %v", got, generics)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}
