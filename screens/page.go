package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// page is the scrolling part of a screen. When its content is taller than
// the window, a large "More below" cue sits over its foot (and "More above"
// over its head once scrolled down): a thin scroll bar alone is easy to
// miss, and on a touch screen a finger cannot drag the content. Tapping a
// cue moves a page. A control that gets the keyboard focus is scrolled into
// view, above the cue.
type page struct {
	*fyne.Container
	scroll  *container.Scroll
	content fyne.CanvasObject
	below   *moreCue
	above   *moreCue
	// pending is brought into view each time the content is laid out, until
	// the person scrolls: a new medicine card once its screen has settled.
	pending fyne.CanvasObject
	// moving is set while the page scrolls itself, so that its own
	// scrolling does not count as the person's.
	moving bool
	// updating guards update, which scrolling calls again.
	updating bool
}

func (ui *UI) newPage(content fyne.CanvasObject) *page {
	p := &page{content: content}
	watched := &fyne.Container{Layout: &notifyLayout{onLayout: p.update}, Objects: []fyne.CanvasObject{content}}
	p.scroll = container.NewVScroll(watched)
	p.scroll.OnScrolled = func(fyne.Position) {
		if !p.moving {
			p.pending = nil // the person scrolled: leave the page where they put it
			ui.touched()
		}
		p.update()
	}
	p.below = newMoreCue(tr(ui.lang, "page.more_below"), theme.MoveDownIcon(), func() { ui.touched(); p.turn(+1) })
	p.above = newMoreCue(tr(ui.lang, "page.more_above"), theme.MoveUpIcon(), func() { ui.touched(); p.turn(-1) })
	p.below.Hide()
	p.above.Hide()
	cues := &fyne.Container{Layout: &cueLayout{onLayout: p.update}, Objects: []fyne.CanvasObject{p.above, p.below}}
	p.Container = container.NewStack(p.scroll, cues)
	ui.page = p
	return p
}

// viewport is the visible part of the content, less the cues over it.
func (p *page) viewport() (top, bottom float32) {
	top = p.scroll.Offset.Y
	bottom = top + p.scroll.Size().Height
	if p.above.Visible() {
		top += p.above.Size().Height + theme.Padding()
	}
	if p.below.Visible() {
		bottom -= p.below.Size().Height + theme.Padding()
	}
	return top, bottom
}

// update shows a cue while content is hidden beyond it, and brings the
// pending object into view.
func (p *page) update() {
	if p.scroll == nil || p.scroll.Content == nil || p.updating {
		return
	}
	p.updating = true
	defer func() { p.updating = false }()
	if p.pending != nil {
		p.reveal(p.pending)
	}
	const slack = 2
	content, view := p.scroll.Content.Size().Height, p.scroll.Size().Height
	setVisible(p.below, content-p.scroll.Offset.Y-view > slack)
	setVisible(p.above, p.scroll.Offset.Y > slack)
}

func setVisible(o fyne.CanvasObject, visible bool) {
	if visible && !o.Visible() {
		o.Show()
	} else if !visible && o.Visible() {
		o.Hide()
	}
}

// refit lays the content out again after it changed (a search narrowed
// its list), so that its height and the cues are right at once.
func (p *page) refit() {
	c := p.scroll.Content
	c.Resize(fyne.NewSize(p.scroll.Size().Width, max(c.MinSize().Height, p.scroll.Size().Height)))
	p.scroll.Refresh()
	p.scrollTo(p.scroll.Offset.Y)
}

// turn scrolls most of a page down (+1) or up (-1).
func (p *page) turn(direction float32) {
	top, bottom := p.viewport()
	step := max((bottom-top)*0.8, 40)
	p.scrollTo(p.scroll.Offset.Y + direction*step)
}

func (p *page) scrollTo(y float32) {
	most := max(p.scroll.Content.Size().Height-p.scroll.Size().Height, 0)
	y = min(max(y, 0), most)
	p.moving = true
	p.scroll.ScrollToOffset(fyne.NewPos(0, y))
	p.moving = false
	p.update()
}

// reveal scrolls so that an object inside the page is wholly visible, and
// reports whether the object is in the page at all.
func (p *page) reveal(o fyne.CanvasObject) bool {
	pos, ok := positionIn(p.content, o)
	if !ok {
		return false
	}
	margin := theme.Padding()
	objTop, objBottom := pos.Y-margin, pos.Y+o.Size().Height+margin
	// Scrolling shows or hides a cue, which changes what is visible: look
	// again until it settles.
	for range 3 {
		top, bottom := p.viewport()
		switch {
		case objTop < top:
			p.scrollTo(p.scroll.Offset.Y - (top - objTop))
		case objBottom > bottom:
			// as far as needed to show its foot, but never past its head
			p.scrollTo(p.scroll.Offset.Y + min(objBottom-bottom, objTop-top))
		default:
			return true
		}
	}
	return true
}

// revealOnceLaidOut brings an object into view now and again each time the
// screen settles, until the person scrolls.
func (p *page) revealOnceLaidOut(o fyne.CanvasObject) {
	p.pending = o
	p.update()
}

// visibleRect is the part of the content the person sees, in content
// coordinates (for tests and for reveal).
func (p *page) visibleRect() (top, bottom float32) { return p.viewport() }

// positionIn finds an object among the containers under root and returns
// its position relative to root.
func positionIn(root, target fyne.CanvasObject) (fyne.Position, bool) {
	if root == target {
		return fyne.Position{}, true
	}
	c, ok := root.(*fyne.Container)
	if !ok {
		return fyne.Position{}, false
	}
	for _, child := range c.Objects {
		if !child.Visible() {
			continue
		}
		if pos, found := positionIn(child, target); found {
			return pos.Add(child.Position()), true
		}
	}
	return fyne.Position{}, false
}

// notifyLayout fills its area with each object, like a stack, and then says
// so: a page may now show or hide its cues, and the window may have become
// small for its text.
type notifyLayout struct{ onLayout func() }

func (l *notifyLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
	if l.onLayout != nil {
		l.onLayout()
	}
}

func (l *notifyLayout) MinSize(objects []fyne.CanvasObject) fyne.Size { return largestMin(objects) }

// largestMin is the smallest size that holds each object.
func largestMin(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// cueLayout puts the "more above" cue at the top centre and the "more
// below" cue at the bottom centre.
type cueLayout struct{ onLayout func() }

func (l *cueLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	for i, o := range objects {
		s := o.MinSize()
		s.Width = min(s.Width, size.Width)
		y := pad
		if i == 1 {
			y = size.Height - s.Height - pad
		}
		o.Move(fyne.NewPos((size.Width-s.Width)/2, y))
		o.Resize(s)
	}
	if l.onLayout != nil {
		l.onLayout()
	}
}

func (l *cueLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// moreCue is a large pill that says there is more to see and scrolls to it.
// It takes no keyboard focus: the focused control scrolls itself into view.
type moreCue struct {
	widget.BaseWidget
	text  string
	icon  fyne.Resource
	onTap func()
}

func newMoreCue(text string, icon fyne.Resource, onTap func()) *moreCue {
	c := &moreCue{text: text, icon: icon, onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped scrolls a page.
func (c *moreCue) Tapped(*fyne.PointEvent) { c.onTap() }

// AccessibilityLabel is the cue's words.
func (c *moreCue) AccessibilityLabel() string { return c.text }

// AccessibilityRole tells screen readers the cue is a button.
func (c *moreCue) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// CreateRenderer draws the pill in the text colour, with the words in the
// page's colour, so it stands out from everything on the page.
func (c *moreCue) CreateRenderer() fyne.WidgetRenderer {
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameCaptionText)
	bg := canvas.NewRectangle(th.Color(theme.ColorNameForeground, v))
	bg.StrokeColor = th.Color(theme.ColorNameBackground, v)
	bg.StrokeWidth = 2
	text := canvas.NewText(c.text, th.Color(theme.ColorNameBackground, v))
	text.TextSize = size
	text.TextStyle = fyne.TextStyle{Bold: true}
	icon := canvas.NewImageFromResource(theme.NewColoredResource(c.icon, theme.ColorNameBackground))
	icon.FillMode = canvas.ImageFillContain
	r := &cueRenderer{bg: bg, text: text, icon: icon, size: size, pad: th.Size(theme.SizeNameInnerPadding)}
	bg.CornerRadius = r.MinSize().Height / 2
	return r
}

type cueRenderer struct {
	bg        *canvas.Rectangle
	text      *canvas.Text
	icon      *canvas.Image
	size, pad float32
}

func (r *cueRenderer) Destroy() {}

func (r *cueRenderer) MinSize() fyne.Size {
	t := r.text.MinSize()
	return fyne.NewSize(t.Width+r.size+3*r.pad, max(t.Height+r.pad, minButtonHeight-frameInset))
}

func (r *cueRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	t := r.text.MinSize()
	x := (size.Width - t.Width - r.size - r.pad/2) / 2
	r.icon.Move(fyne.NewPos(x, (size.Height-r.size)/2))
	r.icon.Resize(fyne.NewSquareSize(r.size))
	r.text.Move(fyne.NewPos(x+r.size+r.pad/2, (size.Height-t.Height)/2))
	r.text.Resize(t)
}

func (r *cueRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.icon, r.text}
}

func (r *cueRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	r.bg.FillColor = th.Color(theme.ColorNameForeground, v)
	r.bg.StrokeColor = th.Color(theme.ColorNameBackground, v)
	r.text.Color = th.Color(theme.ColorNameBackground, v)
	r.bg.Refresh()
	r.text.Refresh()
	r.icon.Refresh()
}
