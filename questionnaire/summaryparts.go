package questionnaire

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
)

// SummaryPart is one part of the provider's summary, after the result, the
// safety screen, the reasons, the flags and the scores: a list's entries
// as a table (the antidepressants), or some items with their answers, under
// a title. The definition's summary section says which, in its order, so
// that renaming an item there keeps it in the summary, and check notices
// one that is missing.
type SummaryPart struct {
	Title Text
	// Table is a list item drawn one row per entry, a column per field.
	Table *Item
	// Counted (a table) and Uncertain (optional) are count_entries scores
	// of its list: each row says whether its entry counted, and why not.
	Counted, Uncertain *Score
	// Items are listed with their answers, when shown and answered.
	Items []*Item
	Pos   Pos
}

func (l *loader) readSummary(nodes []ast.Node) {
	for i, n := range nodes {
		m := l.r.mapping(n, "a part of the summary", "title", "table", "counted", "uncertain", "items")
		p := &SummaryPart{Title: m.text("title", true), Pos: l.r.pos(n)}
		what := fmt.Sprintf("summary part %d", i+1)
		table, tableNode := m.str("table", false)
		ids, idNodes := m.strings("items", false)
		switch {
		case table != "" && len(ids) > 0:
			l.r.errorf(n, "%s has both a table and items: give each its own part", what)
			continue
		case table == "" && len(ids) == 0:
			l.r.errorf(n, "%s needs a table (a list item, like meds) or items (a list of question ids)", what)
			continue
		case table != "":
			p.Table = l.summaryTable(table, tableNode, what)
			p.Counted = l.summaryCount(m, "counted", true, p.Table, what)
			p.Uncertain = l.summaryCount(m, "uncertain", false, p.Table, what)
		}
		for j, id := range ids {
			it := l.def.items[id]
			if it == nil || it.Type == List || it.Type == Control {
				l.r.errorf(idNodes[j], "%s names %q, which is not a question%s", what, id, suggest(id, sortedKeys(l.def.items)))
				continue
			}
			p.Items = append(p.Items, it)
		}
		l.def.Summary = append(l.def.Summary, p)
	}
}

func (l *loader) summaryTable(id string, n ast.Node, what string) *Item {
	it := l.def.items[id]
	if it == nil || it.Type != List {
		l.r.errorf(n, "%s: the table %q is not a list item%s", what, id, suggest(id, sortedKeys(l.def.items)))
		return nil
	}
	return it
}

// summaryCount reads a count_entries score of the table's list.
func (l *loader) summaryCount(m *ymap, key string, required bool, table *Item, what string) *Score {
	id, n := m.str(key, required)
	if id == "" {
		return nil
	}
	s := l.def.scores[id]
	if s == nil || s.Kind != CountEntries || (table != nil && s.List != table) {
		l.r.errorf(n, "%s: %s names %q, which is not a count_entries score of the table's list%s", what, key, id, suggest(id, sortedKeys(l.def.scores)))
		return nil
	}
	return s
}
