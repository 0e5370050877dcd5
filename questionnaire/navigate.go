package questionnaire

import "slices"

// StepKind says which screen a step of the session is.
type StepKind int

// The kinds of step, one per kind of screen.
const (
	// StepWelcome is before the first question (Back from the first one).
	StepWelcome StepKind = iota
	// StepQuestion asks Item.
	StepQuestion
	// StepList asks the list Item (the medicines) as cards.
	StepList
	// StepUrgent shows the interrupting Outcome (urgent) after Item.
	StepUrgent
	// StepCrisis shows the crisis Outcome: where to get help now.
	StepCrisis
	// StepEnded shows an Outcome that ended the questions early (adult_only).
	StepEnded
	// StepReview lists every answer before the result.
	StepReview
	// StepResult shows the result.
	StepResult
)

var stepNames = [...]string{"welcome", "question", "list", "urgent", "crisis", "ended", "review", "result"}

// String is the step kind's name, as the screens and logs call it.
func (k StepKind) String() string {
	if int(k) < len(stepNames) {
		return stepNames[k]
	}
	return "unknown"
}

// Step is what the session shows next: a question, the medicine list, an
// outcome's screen, the review or the result. The session's navigation
// (Start, After, Back, Continue, Change, ToResult, HelpNow) returns it;
// the screens draw it and nothing else decides the order.
type Step struct {
	Kind StepKind
	// Item is the item asked (question, list), or the one an urgent step
	// came after (the flow goes on from it).
	Item *Item
	// Outcome is the outcome of an urgent, crisis or ended step.
	Outcome *Outcome
	// Changing: the item is asked to change an answer from the review, so
	// Back and the answer lead back to the review.
	Changing bool
}

// IsSafety tells whether the step is a safety screen (crisis or urgent):
// the kiosk alerts the staff on it and waits longer before it wipes.
func (st Step) IsSafety() bool { return st.Kind == StepCrisis || st.Kind == StepUrgent }

// Start is the first step of the questions: the first unanswered item, or
// where the person left off (an outcome, the review).
func (s *Session) Start() Step {
	s.changing = false
	return s.resume()
}

// After is the step after the person answered item id (or went on from
// it). An outcome that ends the flow (crisis, adult_only) comes at once,
// unless an interrupting outcome (urgent) must be shown before it. An
// interrupting outcome comes once the section that raised it is finished:
// the ASQ's acuity question, which can turn it into crisis, is asked first.
func (s *Session) After(id string) Step {
	it := s.def.Item(id)
	notice := s.Notice()
	outcome, ended := s.Ended()
	if ended && notice == nil {
		return s.endStep(outcome)
	}
	if notice != nil {
		if next := s.Next(id); ended || next == nil || it == nil || next.Section != it.Section || s.changing {
			return s.urgentStep(notice, it)
		}
	}
	return s.continueAfter(it)
}

// Continue is the step after an urgent step: the person has seen the
// outcome, and the flow goes on after the item it followed.
func (s *Session) Continue(urgent Step) Step {
	if urgent.Outcome != nil {
		s.Acknowledge(urgent.Outcome.ID)
	}
	return s.continueAfter(urgent.Item)
}

// Back is the step before item id: the review when the answer is being
// changed from it, the item asked before, or the welcome before the first.
func (s *Session) Back(id string) Step {
	if s.changing {
		return s.Review()
	}
	if prev := s.Previous(id); prev != nil {
		return s.itemStep(prev)
	}
	return Step{Kind: StepWelcome}
}

// Change is the step that asks item id again from the review; answering it
// or going back leads back to the review.
func (s *Session) Change(id string) Step {
	it := s.def.Item(id)
	if it == nil {
		return s.Review()
	}
	s.changing = true
	return s.itemStep(it)
}

// Review is the review step; it ends a change from the review.
func (s *Session) Review() Step {
	s.changing = false
	return Step{Kind: StepReview}
}

// BackFromReview is the step before the review: the last question asked.
func (s *Session) BackFromReview() Step {
	s.changing = false
	if order := s.Flow(); len(order) > 0 {
		return s.itemStep(order[len(order)-1])
	}
	return Step{Kind: StepWelcome}
}

// ToResult is the result step, or the step that comes first: the screen of
// an outcome that ended the flow, or what is still unanswered (a language
// switch can add a section), asked as a change from the review.
func (s *Session) ToResult() Step {
	if outcome, ended := s.Ended(); ended {
		return s.endStep(outcome)
	}
	if res := s.Result(); res.Outcome == nil || res.Pathway == nil {
		s.changing = true
		return s.resume()
	}
	return Step{Kind: StepResult}
}

// HelpNow records that the person pressed "I need help now" and returns the
// crisis step.
func (s *Session) HelpNow() Step {
	s.PressHelpNow()
	return Step{Kind: StepCrisis, Outcome: s.def.Crisis}
}

// NextField is the index of the field of entry i of a list asked after
// field f (-1 for the first), skipping fields its answers hide; ok is false
// after the last.
func (s *Session) NextField(listID string, i, f int) (next int, ok bool) {
	return s.shownField(listID, i, f, +1)
}

// PreviousField is the index of the field of entry i asked before field f;
// ok is false before the first.
func (s *Session) PreviousField(listID string, i, f int) (prev int, ok bool) {
	return s.shownField(listID, i, f, -1)
}

// shownField is the first field from f+dir on, in the direction dir, that
// entry i asks (EntryFields).
func (s *Session) shownField(listID string, i, f, dir int) (int, bool) {
	list := s.def.Item(listID)
	if list == nil {
		return 0, false
	}
	shown := s.EntryFields(listID, i)
	for f += dir; f >= 0 && f < len(list.Fields); f += dir {
		if slices.Contains(shown, list.Fields[f]) {
			return f, true
		}
	}
	return 0, false
}

// continueAfter is the next item in the flow, or, at its end or during a
// change from the review, what is still open or else the review.
func (s *Session) continueAfter(it *Item) Step {
	if !s.changing && it != nil {
		if next := s.Next(it.ID); next != nil {
			return s.itemStep(next)
		}
	}
	return s.resume()
}

// resume is the first unanswered item, the screen of an outcome that ended
// the flow, or the review when everything is answered.
func (s *Session) resume() Step {
	if outcome, ended := s.Ended(); ended {
		return s.endStep(outcome)
	}
	if open := s.Unanswered(); len(open) > 0 {
		return s.itemStep(open[0])
	}
	return s.Review()
}

func (s *Session) itemStep(it *Item) Step {
	kind := StepQuestion
	if it.Type == List {
		kind = StepList
	}
	return Step{Kind: kind, Item: it, Changing: s.changing}
}

// urgentStep shows an interrupting outcome. From now on a changed answer
// never withdraws it (Shown).
func (s *Session) urgentStep(o *Outcome, after *Item) Step {
	s.Shown(o.ID)
	return Step{Kind: StepUrgent, Outcome: o, Item: after, Changing: s.changing}
}

func (s *Session) endStep(o *Outcome) Step {
	if o == s.def.Crisis {
		return Step{Kind: StepCrisis, Outcome: o}
	}
	return Step{Kind: StepEnded, Outcome: o}
}
