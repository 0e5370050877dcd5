package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// naturalSizer is an object with a preferred size larger than its minimum:
// a keyButton wants its text on one line but can wrap it.
type naturalSizer interface {
	naturalSize() fyne.Size
	sizeAt(width float32) fyne.Size
}

func naturalOf(o fyne.CanvasObject) fyne.Size {
	if n, ok := o.(naturalSizer); ok {
		return n.naturalSize()
	}
	return o.MinSize()
}

func sizeAt(o fyne.CanvasObject, width float32) fyne.Size {
	if n, ok := o.(naturalSizer); ok {
		return n.sizeAt(width)
	}
	return fyne.NewSize(width, o.MinSize().Height)
}

// rowsLayout puts buttons side by side at their natural width as long as
// they fit, and starts a new row when they do not, so a bar of buttons
// never makes the window wider than it is. A button wider than the whole
// row gets the row's width and wraps its text.
type rowsLayout struct {
	// align is where each row's buttons sit: leading, centre or trailing.
	align fyne.TextAlign
	// lead puts the first object at the leading edge of the first row and
	// the others at the trailing edge (Back on the left, Continue on the
	// right), as long as they all fit on one row.
	lead bool
	// fromEnd fills the first row from the last object backwards, so the
	// last object (the help button) is always on the top row.
	fromEnd bool

	width float32 // the width of the last layout, for MinSize
}

type row struct {
	objects []fyne.CanvasObject
	widths  []float32
	height  float32
}

// rows splits the visible objects into rows for a width.
func (l *rowsLayout) rows(objects []fyne.CanvasObject, width float32) []row {
	gap := theme.Padding()
	var visible []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			visible = append(visible, o)
		}
	}
	if l.fromEnd {
		reverse(visible)
	}
	var rows []row
	var cur row
	used := float32(0)
	for _, o := range visible {
		w := min(naturalOf(o).Width, width)
		if len(cur.objects) > 0 && used+gap+w > width {
			rows = append(rows, cur)
			cur, used = row{}, 0
		}
		if len(cur.objects) > 0 {
			used += gap
		}
		used += w
		cur.objects = append(cur.objects, o)
		cur.widths = append(cur.widths, w)
		cur.height = max(cur.height, sizeAt(o, w).Height)
	}
	if len(cur.objects) > 0 {
		rows = append(rows, cur)
	}
	if l.fromEnd {
		for i := range rows {
			reverse(rows[i].objects)
			reverse(rows[i].widths)
		}
	}
	return rows
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Layout places the rows from the top.
func (l *rowsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	gap := theme.Padding()
	y := float32(0)
	rows := l.rows(objects, size.Width)
	for ri, r := range rows {
		total := float32(0)
		for i, w := range r.widths {
			if i > 0 {
				total += gap
			}
			total += w
		}
		x := float32(0)
		switch l.align {
		case fyne.TextAlignCenter:
			x = (size.Width - total) / 2
		case fyne.TextAlignTrailing:
			x = size.Width - total
		}
		if l.lead && ri == 0 {
			x = 0 // the first at the leading edge, the rest at the trailing edge
		}
		for i, o := range r.objects {
			if l.lead && ri == 0 && i == 1 {
				x = size.Width - (total - r.widths[0] - gap)
			}
			o.Move(fyne.NewPos(x, y+(r.height-sizeAt(o, r.widths[i]).Height)/2))
			o.Resize(fyne.NewSize(r.widths[i], sizeAt(o, r.widths[i]).Height))
			x += r.widths[i] + gap
		}
		y += r.height + gap
	}
}

// MinSize is as wide as the widest object's minimum and as tall as the
// rows need at the width last laid out.
func (l *rowsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var width float32
	for _, o := range objects {
		if o.Visible() {
			width = max(width, o.MinSize().Width)
		}
	}
	layoutWidth := l.width
	if layoutWidth <= 0 {
		layoutWidth = 1 << 20 // not laid out yet: one row
	}
	rows := l.rows(objects, max(layoutWidth, width))
	height := float32(0)
	for i, r := range rows {
		if i > 0 {
			height += theme.Padding()
		}
		height += r.height
	}
	return fyne.NewSize(width, height)
}

// buttonRow lays out buttons in rows, aligned as given.
func buttonRow(align fyne.TextAlign, objects ...fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: &rowsLayout{align: align}, Objects: objects}
}

// bottomBar lays out Back on the left and the other buttons on the right,
// in more rows when they do not fit on one.
func bottomBar(back fyne.CanvasObject, right ...fyne.CanvasObject) *fyne.Container {
	var objects []fyne.CanvasObject
	for _, o := range append([]fyne.CanvasObject{back}, right...) {
		if o != nil {
			objects = append(objects, o)
		}
	}
	return &fyne.Container{Layout: &rowsLayout{align: fyne.TextAlignTrailing, lead: back != nil}, Objects: objects}
}

// natural keeps an object at its natural size where a layout would give it
// only its minimum (the side of a border): a button with its text on one
// line.
func natural(o fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: naturalLayout{}, Objects: []fyne.CanvasObject{o}}
}

type naturalLayout struct{}

func (naturalLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(sizeAt(o, size.Width))
	}
}

func (naturalLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(naturalOf(o))
	}
	return s
}

// fitsOneRow tells whether buttons fit side by side, at their natural
// width, in the window.
func fitsOneRow(win fyne.Window, first fyne.CanvasObject, rest ...fyne.CanvasObject) bool {
	var all []fyne.CanvasObject
	for _, o := range append([]fyne.CanvasObject{first}, rest...) {
		if o != nil {
			all = append(all, o)
		}
	}
	// the screen's padding on both sides
	return widthOf(all) <= win.Canvas().Size().Width-4*theme.Padding()
}

// atLeast makes an object at least a size (a large target on a touch
// screen), and larger when its own minimum is.
func atLeast(size fyne.Size, o fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: atLeastLayout{size}, Objects: []fyne.CanvasObject{o}}
}

type atLeastLayout struct{ size fyne.Size }

func (l atLeastLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (l atLeastLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return largestMin(objects).Max(l.size)
}

// capped shows content whole when the window is tall enough, and scrolls
// it within the window's height when not (a panel over the screen at 200%).
func capped(win fyne.Window, content fyne.CanvasObject) *fyne.Container {
	scroll := container.NewVScroll(content)
	return &fyne.Container{Layout: cappedLayout{win: win, content: content}, Objects: []fyne.CanvasObject{scroll}}
}

type cappedLayout struct {
	win     fyne.Window
	content fyne.CanvasObject
}

func (l cappedLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (l cappedLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	m := l.content.MinSize()
	room := l.win.Canvas().Size().Height - 10*theme.Padding() // the card's padding and a margin
	return fyne.NewSize(m.Width, max(min(m.Height, room), 100))
}
