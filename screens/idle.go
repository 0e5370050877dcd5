package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapCatcher covers the screen behind an overlay: any touch on it counts.
type tapCatcher struct {
	widget.BaseWidget
	onTap func()
}

func newTapCatcher(onTap func()) *tapCatcher {
	t := &tapCatcher{onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer dims whatever is behind.
func (t *tapCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.NRGBA{A: 200}))
}

// Tapped keeps the session.
func (t *tapCatcher) Tapped(*fyne.PointEvent) { t.onTap() }

// countdown is the "Are you still there?" overlay.
type countdown struct {
	*fyne.Container
	seconds *canvas.Text
	line    *widget.Label
}

// countdownOverlay covers the screen with a large question and the seconds
// left; touching anywhere keeps the session.
func (ui *UI) countdownOverlay(seconds int, keep func()) *countdown {
	l := ui.lang
	number := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	number.TextSize = 96
	number.TextStyle = fyne.TextStyle{Bold: true}
	number.Alignment = fyne.TextAlignCenter
	line := body("")
	line.Alignment = fyne.TextAlignCenter
	title := heading(tr(l, "idle.question"))
	title.Alignment = fyne.TextAlignCenter
	here := ui.button(tr(l, "idle.here"), widget.HighImportance, keep)
	panel := container.NewVBox(title, number, line, container.NewCenter(atLeast(fyne.NewSize(420, 100), here)))
	c := &countdown{seconds: number, line: line}
	c.Container = container.NewStack(newTapCatcher(keep), container.NewCenter(card(panel)))
	c.Resize(ui.win.Canvas().Size())
	ui.updateCountdown(c, seconds)
	return c
}

// updateCountdown shows the seconds left.
func (ui *UI) updateCountdown(c *countdown, seconds int) {
	c.seconds.Text = trf(ui.lang, "idle.seconds", seconds)
	c.seconds.Refresh()
	key := "idle.line"
	if seconds == 1 {
		key = "idle.line.one"
	}
	c.line.SetText(trf(ui.lang, key, seconds))
}

// card sets content on the theme's background, so it reads clearly over the
// dimmed screen behind it.
func card(content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameSelectionRadius) * 3
	return container.NewStack(bg, container.NewPadded(container.NewPadded(content)))
}
