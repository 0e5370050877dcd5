package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ketascreen/questionnaire"
)

// moderate gives a PHQ-9 total of 12 with item 9 at 0.
var moderate = map[string]any{"phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_difficulty": "2"}

func with(base map[string]any, more map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// treatmentWords must never show on the crisis or adult-only screens.
var treatmentWords = []string{"ketamine", "Ketamine", "esketamine", "pathway"}

func (d *driver) expectNoTreatmentContent() {
	d.t.Helper()
	text := d.screenText()
	for _, w := range treatmentWords {
		if strings.Contains(text, w) {
			d.t.Errorf("the %s screen mentions %q:\n%s", d.ui.nav.name, w, text)
		}
	}
}

func TestPathNoSuggestion(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(nil)
	res := d.finish()
	d.expectHeadline(res, "no_suggestion")
	d.expectFlags(res)
	for _, want := range []string{"call or text 988", "This is a screening, not a diagnosis"} {
		if !d.sees(want) {
			t.Errorf("the result does not show %q", want)
		}
	}
}

func TestPathNotFirstStep(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"goals": []string{"pain_relief", "rapid_relief"}}))
	res := d.finish()
	d.expectHeadline(res, "not_first_step")
	d.expectFlags(res, "pain_specialist")
	d.tab("For your provider")
	if !d.sees("pain specialist") {
		t.Errorf("the provider tab does not show the pain flag:\n%s", d.screenText())
	}
}

func TestPathDiscussKetamineWithTwoMedicines(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	if d.ui.nav.name != screenMedications {
		t.Fatalf("after ad_any = yes: %s screen", d.ui.nav.name)
	}
	if d.hasButton("Continue") {
		t.Error("Continue is enabled with no medicine entered")
	}
	d.addMedicine("zolo", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	d.addMedicine("WELL", "Bupropion (Wellbutrin)", "6_7", "yes", "yes", "25_49", "yes", "side_effects")
	for _, want := range []string{"Medicine 1: Sertraline (Zoloft)", "Medicine 2: Bupropion (Wellbutrin)"} {
		if !d.sees(want) {
			t.Errorf("the cards do not show %q:\n%s", want, d.screenText())
		}
	}
	d.tap("Continue")
	d.answerUntil(nil)
	res := d.finish()
	d.expectHeadline(res, "discuss_ketamine")
	d.tab("Why")
	if !d.sees("Medicine 2: Bupropion (Wellbutrin) — Time at the intended dose: 6 to 7 weeks · Full intended dose reached: Yes · Taken on most days: Yes · Improvement at best: Somewhat better") || !d.sees("PHQ-9 depression score: 12 (moderate)") {
		t.Errorf("the reason does not name the second medicine's answer:\n%s", d.screenText())
	}
	d.tab("Kinds of treatment")
	for _, key := range questionnaire.TreatmentTexts {
		if !d.sees(d.ui.def.Text(key).In("en")) {
			t.Errorf("the result does not tell apart %s", key)
		}
	}
}

// A full medicine list (questionnaire.MaxEntries) offers no Add button.
func TestAFullMedicineListAddsNoMore(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	full := questionnaire.Entry{"med_name": "other", "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}
	for range questionnaire.MaxEntries - 2 {
		if _, err := d.ui.session.AddEntry("meds", full); err != nil {
			t.Fatal(err)
		}
	}
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	if !d.hasButton("Add another medicine") {
		t.Fatalf("with %d entries there is no Add button:\n%s", questionnaire.MaxEntries-1, d.screenText())
	}
	d.addMedicine("prozac", "Fluoxetine (Prozac)", "4_5", "yes", "yes", "under_25", "skip")
	if n := len(d.ui.session.Entries("meds")); n != questionnaire.MaxEntries || d.hasButton("Add another medicine") {
		t.Errorf("with %d entries the Add button is enabled: %v", n, d.hasButton("Add another medicine"))
	}
}

func TestMedicineCanBeChangedAndRemoved(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	d.addMedicine("prozac", "Fluoxetine (Prozac)", "4_5", "yes", "yes", "under_25", "skip")
	d.tap("Change") // the first card
	test.Type(d.w.Canvas().Focused(), "")
	d.tap("Citalopram (Celexa)")
	d.choose("6_7")
	d.choose("yes")
	d.choose("yes")
	d.choose("25_49")
	d.tap("Skip this question")
	if !d.sees("Medicine 1: Citalopram (Celexa)") || d.sees("Sertraline") {
		t.Errorf("changing the first medicine:\n%s", d.screenText())
	}
	d.tap("Remove")
	d.tapDialog("Keep it") // a second chance: nothing is removed
	if !d.sees("Medicine 1: Citalopram (Celexa)") || len(d.ui.session.Entries("meds")) != 2 {
		t.Errorf("keeping the medicine:\n%s", d.screenText())
	}
	d.tap("Remove")
	d.tapDialog("Remove it")
	if d.sees("Citalopram") || !d.sees("Medicine 1: Fluoxetine (Prozac)") {
		t.Errorf("removing the first medicine:\n%s", d.screenText())
	}
	if n := len(d.ui.session.Entries("meds")); n != 1 {
		t.Errorf("%d entries after removing one of two", n)
	}
}

// withTwoFailedTrials answers a moderate depression with two different
// antidepressants that failed, and the other answers given, to the result.
func (d *driver) withTwoFailedTrials(other map[string]any) *questionnaire.Result {
	d.t.Helper()
	answers := with(moderate, other)
	answers["ad_any"] = "yes"
	d.answerUntil(answers)
	d.addMedicine("zolo", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	d.addMedicine("lexa", "Escitalopram (Lexapro)", "8_plus", "yes", "yes", "under_25", "skip")
	d.tap("Continue")
	d.answerUntil(answers)
	return d.finish()
}

func TestPathKetamineUnlikely(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	res := d.withTwoFailedTrials(map[string]any{"aneurysm": "yes"})
	d.expectHeadline(res, "ketamine_unlikely")
	d.expectFlags(res, "aneurysm")
}

// TestPathSpecialistFirst: bipolar depression with two failed trials is told
// to see a psychiatrist first, on screen, with the answer that caused it.
func TestPathSpecialistFirst(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	res := d.withTwoFailedTrials(map[string]any{"bipolar": "yes"})
	d.expectHeadline(res, "specialist_first")
	d.expectFlags(res, "bipolar", "bipolar_eval")
	d.tab("Why")
	if !d.sees("bipolar disorder") {
		t.Errorf("the reason does not name the bipolar answer:\n%s", d.screenText())
	}
}

func TestPathCrisisFromTheASQAcuityAnswer(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(map[string]any{"asq_3": "yes", "asq_5": "yes"})
	if d.ui.nav.name != screenCrisis {
		t.Fatalf("after asq_5 = yes: %s screen", d.ui.nav.name)
	}
	for _, want := range []string{"911", "988", "741741", "Please get help right now"} {
		if !d.sees(want) {
			t.Errorf("the crisis screen does not show %q", want)
		}
	}
	d.expectNoTreatmentContent()
	d.key(fyne.KeyEscape)
	d.key(fyne.KeyBackspace)
	d.key(fyne.KeyReturn)
	if d.ui.nav.name != screenCrisis {
		t.Errorf("a key left the crisis screen: now %s", d.ui.nav.name)
	}
	if d.hasButton("Back") || d.hasButton("Continue") {
		t.Error("the crisis screen offers a way on other than Back to start")
	}
	d.tap("I need help now") // still there, and still leads here
	if d.ui.nav.name != screenCrisis {
		t.Errorf("help on the crisis screen leads to %s", d.ui.nav.name)
	}
	d.tap("Back to start")
	if d.ui.nav.name != screenWelcome || !d.ui.session.IsEmpty() {
		t.Errorf("Back to start: %s screen, session empty %v", d.ui.nav.name, d.ui.session.IsEmpty())
	}
}

func TestPathCrisisFromTheHelpButtonOnAMedicineScreen(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.tap("Add a medicine")
	test.Type(d.w.Canvas().Focused(), "lex")
	d.tap("Escitalopram (Lexapro)")
	d.tap("I need help now")
	if d.ui.nav.name != screenCrisis {
		t.Fatalf("help pressed on a medicine question: %s screen", d.ui.nav.name)
	}
	d.expectNoTreatmentContent()
	if got := d.ui.session.Result().OutcomeID(); got != "crisis" {
		t.Errorf("outcome %s", got)
	}
}

func TestHelpButtonIsOnEveryScreen(t *testing.T) {
	d := newDriver(t)
	check := func(where string) {
		t.Helper()
		if !d.hasButton("I need help now") {
			t.Errorf("no help button on the %s screen", where)
		}
	}
	check("welcome")
	d.tap("About ketamine therapy")
	check("education")
	d.tap("Back")
	d.tap("Start")
	check("first question")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	check("medicines")
	d.tap("Add a medicine")
	check("medicine search")
	d.tap("Back")
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	d.addMedicine("bup", "Bupropion (Wellbutrin)", "8_plus", "yes", "yes", "under_25", "yes", "skip")
	d.tap("Continue")
	d.answerUntil(nil)
	check("review")
	d.finish()
	check("result")
}

func TestPathUrgentThenContinueToResult(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(map[string]any{"phq9_1": "2", "phq9_9": "2", "phq9_difficulty": "1"})
	if d.ui.nav.name != screenUrgent || d.ui.session.Visible("asq_1") && d.ui.nav.current() != nil {
		t.Fatalf("after the mood section with phq9_9 = 2: %s screen", d.ui.nav.name)
	}
	if !d.sees("Please talk with a clinician today") || !d.sees("call or text 988") {
		t.Errorf("the urgent screen:\n%s", d.screenText())
	}
	d.tap("Continue the questionnaire")
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking().ID != "asq_1" {
		t.Fatalf("after continuing: %s %v", d.ui.nav.name, d.ui.nav.asking())
	}
	d.answerUntil(nil)
	res := d.finish()
	d.expectHeadline(res, "urgent")
	if res.PathwayID() != "no_suggestion" {
		t.Errorf("pathway %s", res.PathwayID())
	}
}

func TestUrgentWaitsForTheASQAcuityQuestion(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(map[string]any{"asq_1": "yes", "asq_5": nil})
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking().ID != "asq_5" {
		t.Fatalf("after asq_1..4 with a yes: %s %v, want the acuity question asq_5 before any other screen", d.ui.nav.name, d.ui.nav.asking())
	}
	d.choose("no")
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking().ID != "lethal_means" {
		t.Fatalf("after asq_5 = no: %s %v, want the lethal-means question, the last of the section", d.ui.nav.name, d.ui.nav.asking())
	}
	d.choose("prefer_not")
	if d.ui.nav.name != screenUrgent {
		t.Errorf("after the safety section: %s screen, want urgent", d.ui.nav.name)
	}
	if !d.sees("put medicines or anything you could use to hurt yourself out of reach") {
		t.Errorf("the urgent screen lacks the lethal-means line:\n%s", d.screenText())
	}
}

// TestUrgentStaysOnScreenWhenTheAnswerIsChangedBack: once the urgent screen
// was shown, going back and answering no to the ASQ keeps it on the result.
func TestUrgentStaysOnScreenWhenTheAnswerIsChangedBack(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(map[string]any{"asq_3": "yes", "asq_5": "no", "lethal_means": "no"})
	if d.ui.nav.name != screenUrgent {
		t.Fatalf("after a yes to asq_3: %s", d.ui.nav.name)
	}
	d.tap("Continue the questionnaire")
	d.answerUntil(nil)
	if d.ui.nav.name != screenReview {
		t.Fatalf("expected the review: %s", d.ui.nav.name)
	}
	if err := d.ui.session.Choose("asq_3", "no"); err != nil { // as if changed from the review
		t.Fatal(err)
	}
	res := d.finish()
	d.expectHeadline(res, "urgent")
	d.tab("For your provider")
	if !d.sees("first answer: Yes; answer now: No") {
		t.Errorf("the provider tab does not show the changed answer:\n%s", d.screenText())
	}
}

func TestPathAdultOnly(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("no")
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking().ID != "asq_1" {
		t.Fatalf("under 18: %s %v, want the ASQ first", d.ui.nav.name, d.ui.nav.asking())
	}
	d.answerUntil(nil)
	if d.ui.nav.name != screenEnded || !d.sees("This screening is for adults") {
		t.Fatalf("under 18: %s screen:\n%s", d.ui.nav.name, d.screenText())
	}
	d.expectNoTreatmentContent()
	d.tap("Back to start")
	if !d.ui.session.IsEmpty() {
		t.Error("answers survive Back to start")
	}
}

// TestYoungPersonWithAPositiveASQSeesTheUrgentScreenFirst: under 18 with a
// yes on the ASQ: the urgent screen, then the adults-only screen with the
// youth safety words.
func TestYoungPersonWithAPositiveASQSeesTheUrgentScreenFirst(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(map[string]any{"age_18_plus": "no", "asq_1": "yes", "asq_5": "no"})
	if d.ui.nav.name != screenUrgent || !d.sees("Please talk with a clinician today") {
		t.Fatalf("under 18 with a positive ASQ: %s screen:\n%s", d.ui.nav.name, d.screenText())
	}
	d.tap("Continue the questionnaire")
	if d.ui.nav.name != screenEnded || !d.sees("This screening is for adults") {
		t.Fatalf("after the urgent screen: %s screen:\n%s", d.ui.nav.name, d.screenText())
	}
	if !d.sees(d.ui.def.Flag("youth_safety").Text.In("en")) {
		t.Errorf("the adults-only screen lacks the youth safety words:\n%s", d.screenText())
	}
	d.expectNoTreatmentContent()
}

func TestGoingBackToChangeADAnyRemovesTheMedicineScreens(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	d.tap("Back")
	if d.ui.nav.asking() == nil || d.ui.nav.asking().ID != "ad_any" {
		t.Fatalf("Back from the medicines goes to %v", d.ui.nav.asking())
	}
	if !d.sees("Yes") {
		t.Fatal("ad_any is not shown")
	}
	d.choose("no")
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking().ID != "augmentation" {
		t.Fatalf("after ad_any = no: %s %v, want the augmentation question", d.ui.nav.name, d.ui.nav.asking())
	}
	d.tap("Back")
	if d.ui.nav.asking().ID != "ad_any" {
		t.Errorf("Back from augmentation goes to %s, want ad_any (no medicine screen)", d.ui.nav.asking().ID)
	}
	if got := d.ui.session.Result().Score("trials_failed").Value; got != 0 {
		t.Errorf("the hidden medicine still counts: %d failed trials", got)
	}
}

func TestBackKeepsTheAnswer(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("yes")
	d.choose("no")
	d.choose("2")
	d.tap("Back")
	if d.ui.nav.asking().ID != "phq9_1" {
		t.Fatalf("Back goes to %s", d.ui.nav.asking().ID)
	}
	if a, _ := d.ui.session.Answer("phq9_1"); a.Code != "2" {
		t.Errorf("the answer is %q after Back", a.Code)
	}
	if !d.hasButton("Continue") {
		t.Error("an answered question offers no Continue")
	}
}

func TestProgressShowsSectionAndPart(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("yes")
	d.choose("no")
	d.choose("0")
	d.choose("0")
	if !d.sees("Mood · 3 of 10") || !d.sees("Part 2 of 8") {
		t.Errorf("progress on phq9_3:\n%s", d.screenText())
	}
	if !d.sees("Over the last 2 weeks, how often have you been bothered by any of the following problems?") {
		t.Error("the PHQ-9 stem is not above its item")
	}
}

func TestReviewJumpsToAnAnswerAndBack(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(nil)
	if d.ui.nav.name != screenReview {
		t.Fatalf("%s screen", d.ui.nav.name)
	}
	d.tap("Change") // the first row: age
	if d.ui.nav.asking().ID != "age_18_plus" {
		t.Fatalf("Change opens %s", d.ui.nav.asking().ID)
	}
	d.choose("yes")
	if d.ui.nav.name != screenReview {
		t.Errorf("after changing an answer from the review: %s screen", d.ui.nav.name)
	}
	d.tap("Safety")
	if !d.sees("In the past few weeks, have you wished you were dead?") {
		t.Errorf("the safety section of the review:\n%s", d.screenText())
	}
}

func TestStartOverClearsEverything(t *testing.T) {
	d := newDriver(t)
	reachDiscussResult(d)
	d.tap("Start over")
	d.tapDialog("Keep my result") // a second chance: nothing is lost
	if d.ui.nav.name != screenResult || d.ui.session.IsEmpty() {
		t.Fatalf("keeping the result: %s screen, session empty %v", d.ui.nav.name, d.ui.session.IsEmpty())
	}
	d.tap("Start over")
	d.tapDialog("Clear and start over")
	if d.ui.nav.name != screenWelcome || !d.ui.session.IsEmpty() {
		t.Fatal("Start over did not clear the session")
	}
	d.tap("Start")
	if a, ok := d.ui.session.Answer("age_18_plus"); ok || d.ui.nav.asking().ID != "age_18_plus" {
		t.Errorf("the next person starts with %v on %s", a, d.ui.nav.asking().ID)
	}
	for _, o := range objects(d.w.Content()) {
		if b, ok := o.(*keyButton); ok && b.Importance == 1 && b.Text == "Yes" {
			t.Error("the previous person's answer is highlighted")
		}
	}
}

// TestAnAnswerMovesOnOnlyIfNothingElseHappened uses the real confirmation
// delay with a hand-run clock: a chosen answer moves on after the delay,
// unless the person did something else first (help, back).
func TestAnAnswerMovesOnOnlyIfNothingElseHappened(t *testing.T) {
	d := newDriver(t)
	var pending []func()
	d.ui.opts.ConfirmDelay = time.Second
	d.ui.later = func(_ time.Duration, f func()) { pending = append(pending, f) }
	fire := func() {
		for _, f := range pending {
			f()
		}
		pending = nil
	}
	d.tap("Start")
	d.choose("yes")
	if d.ui.nav.asking().ID != "age_18_plus" {
		t.Fatal("the answer moved on before its confirmation")
	}
	d.choose("no") // a second tap during the confirmation is ignored
	fire()
	if a, _ := d.ui.session.Answer("age_18_plus"); a.Code != "yes" || d.ui.nav.asking().ID != "age_65_plus" {
		t.Fatalf("after the delay: answer %q, on %s", a.Code, d.ui.nav.asking().ID)
	}
	d.choose("no")
	fire()
	d.choose("1")
	d.tap("I need help now") // before the delay is over
	fire()
	if d.ui.nav.name != screenCrisis {
		t.Errorf("a pending answer took the person from the crisis screen to %s", d.ui.nav.name)
	}
}
