package screens

import (
	"fyne.io/fyne/v2"

	"ketascreen/questionnaire"
)

// screen is one screen of the app: a small struct owning what it shows,
// whose draw builds its widgets from the session. Drawing has no side
// effects: it may run many times (a new language, a new text size).
type screen interface {
	draw() drawn
}

// drawn is a screen as built: its name (for the title and tests), its
// title, its content, what the keys do on it, and what to do once it is in
// the window (focus a field, bring a card into view).
type drawn struct {
	name    string
	title   string
	content fyne.CanvasObject
	keys    keyHandlers
	shown   func()
}

// navigator turns the session's steps into screens. Entering a step runs
// its side effects, once (a kiosk's staff alert, its encrypted record);
// showing a screen draws it; redraw draws the current screen again.
type navigator struct {
	ui     *UI
	step   questionnaire.Step
	screen screen
	// name is the name of the screen shown (for tests and the kiosk), and
	// keys what the keys do on it.
	name string
	keys keyHandlers
	// confirming: a chosen answer is being shown before moving on.
	confirming bool
	// draws counts draws, so a late timer knows its screen is gone.
	draws int
}

// enter goes to a step of the session: it runs the step's side effects and
// shows its screen.
func (n *navigator) enter(step questionnaire.Step) {
	ui := n.ui
	// The last step's screen is gone: a side effect that redraws (an alert
	// answered at once) must not draw it with the new step's session.
	n.step, n.screen = step, nil
	switch {
	case ui.kiosk != nil:
		ui.kiosk.entered(step)
	case step.Kind == questionnaire.StepResult:
		ui.findPrinter() // lpstat runs off the UI goroutine
	}
	n.show(n.screenFor(step))
}

// screenFor is the screen that shows a step.
func (n *navigator) screenFor(step questionnaire.Step) screen {
	ui := n.ui
	switch step.Kind {
	case questionnaire.StepQuestion:
		return &questionScreen{ui: ui, step: step}
	case questionnaire.StepList:
		return &listScreen{ui: ui, step: step, focus: -1}
	case questionnaire.StepUrgent:
		return &urgentScreen{ui: ui, step: step}
	case questionnaire.StepCrisis:
		return &crisisScreen{ui: ui, outcome: step.Outcome}
	case questionnaire.StepEnded:
		return &endedScreen{ui: ui, outcome: step.Outcome}
	case questionnaire.StepReview:
		return &reviewScreen{ui: ui}
	case questionnaire.StepResult:
		return &resultScreen{ui: ui}
	}
	return &welcomeScreen{ui: ui}
}

// show puts a screen in the window, within the current step (the welcome
// and its education page, the medicine list's search and fields).
func (n *navigator) show(s screen) {
	n.screen = s
	n.draw()
}

// showOutside shows a screen that belongs to no step of the session (the
// welcome, the education page, the kiosk's attract screen).
func (n *navigator) showOutside(s screen) {
	n.step = questionnaire.Step{Kind: questionnaire.StepWelcome}
	n.show(s)
}

func (n *navigator) draw() {
	n.draws++
	d := n.screen.draw()
	n.name, n.keys, n.confirming = d.name, d.keys, false
	n.ui.frame(d)
	if d.shown != nil {
		d.shown()
	}
}

// redraw draws the current screen again. A result that a new language has
// made unfinished (it adds a section) goes to what is missing instead.
func (n *navigator) redraw() {
	if n.screen == nil {
		return
	}
	if n.step.Kind == questionnaire.StepResult {
		if next := n.ui.session.ToResult(); next.Kind != questionnaire.StepResult {
			n.enter(next)
			return
		}
	}
	n.draw()
}

// after runs f once the confirmation delay has passed (a chosen answer
// stays highlighted that long), on the UI goroutine, unless another screen
// came meanwhile (help, back).
func (n *navigator) after(f func()) {
	delay := n.ui.opts.ConfirmDelay
	if delay <= 0 {
		f()
		return
	}
	draws := n.draws
	n.ui.later(delay, func() {
		if n.draws == draws && n.confirming {
			f()
		}
	})
}

// current is the item the person is on, if any.
func (n *navigator) current() *questionnaire.Item {
	switch n.step.Kind {
	case questionnaire.StepQuestion, questionnaire.StepList:
		return n.step.Item
	}
	return nil
}

// forget drops the screen shown: after a kiosk wipe nothing of the last
// person may be drawn again.
func (n *navigator) forget() {
	n.step, n.screen = questionnaire.Step{}, nil
}
