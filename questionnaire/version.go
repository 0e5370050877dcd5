package questionnaire

import (
	"fmt"
	"slices"
	"strings"
)

// SpecificationVersion is the version of the screening specification
// (../shared/screening-spec.md) this engine and the default questionnaire
// follow. A definition says which one it follows with "specification: 2".
const SpecificationVersion = 2

// checkSpecification refuses a definition written for an earlier version of
// the specification, rather than load it half right: version 2 changed how
// trials are counted, the pathways and the flags. Each change the file still
// lacks is named, with where to make it, so that a clinic can update its copy.
func (l *loader) checkSpecification(top *ymap) {
	v, given := top.integer("specification", false)
	n := top.keyNode("specification")
	switch {
	case given && v == SpecificationVersion:
		return
	case given && v > SpecificationVersion:
		l.r.errorf(n, "specification %d is newer than this app, which follows version %d of the screening specification; use a newer KetaScreen", v, SpecificationVersion)
		return
	}
	at := Pos{File: l.def.File, Line: 1, Column: 1}
	if given {
		at = l.r.pos(n)
	}
	l.r.errs.add(at, fmt.Sprintf("this questionnaire follows version 1 of the screening specification (it does not say \"specification: %d\"), and version 2 changed the clinical rules, so it is refused rather than scored half right; "+
		"make the changes listed below (section 7 of the specification lists them all, and the app's own assets/questionnaire.yaml shows each one), then add the line \"specification: %d\"", SpecificationVersion, SpecificationVersion))
	l.version2Items(at)
	l.version2Codes()
	l.version2Retired()
	if !slices.ContainsFunc(l.def.Pathways, func(o *Outcome) bool { return o.ID == "specialist_first" }) {
		l.need(at, "version 2 adds the pathway \"specialist_first\" and its rules (section 4 of the specification)")
	}
}

// need reports one change version 2 asks for.
func (l *loader) need(pos Pos, format string, args ...any) {
	l.r.errs.add(pos, fmt.Sprintf(format, args...))
}

// version2Items: the items and medicine fields version 2 adds.
func (l *loader) version2Items(at Pos) {
	d, need := l.def, l.need
	for _, id := range []string{"age_65_plus", "lethal_means", "breathing"} {
		if d.Item(id) == nil {
			need(at, "version 2 adds the item %q (see section 2 of the specification)", id)
		}
	}
	if meds := d.Item("meds"); meds != nil {
		for _, id := range []string{"med_adherence", "med_for_depression"} {
			if meds.Field(id) == nil {
				need(meds.Pos, "version 2 adds the field %q to each medicine of \"meds\"", id)
			}
		}
	}
}

// version2Codes: the answer codes version 2 adds.
func (l *loader) version2Codes() {
	d, need := l.def, l.need
	codes := []struct {
		item  string
		codes []string
	}{
		{"ketamine_prior", []string{"current"}},
		{"heart_disease", []string{"past", "recent"}},
		{"substance_use", []string{"past", "recent"}},
		{"ketamine_misuse", []string{"past", "recent"}},
		{"pregnancy", []string{"might_be"}},
		{"interacting_meds", []string{"unsure"}},
	}
	for _, c := range codes {
		it := d.Item(c.item)
		if it == nil {
			continue
		}
		for _, code := range c.codes {
			if it.Option(code) == nil {
				need(it.Pos, "version 2 gives %q the answer code %q (its codes: %s)", c.item, code, joinCodes(c.item, d))
			}
		}
	}
}

// version2Retired: the flags and scores version 2 retires or changes.
func (l *loader) version2Retired() {
	d, need := l.def, l.need
	for _, retired := range []string{"interacting_meds", "dose_unverified"} {
		if f := d.Flag(retired); f != nil {
			need(f.Pos, "version 2 retires the flag %q: %s", retired, retiredFlags[retired])
		}
	}
	if s := d.Score("trials_dose_unverified"); s != nil {
		need(s.Pos, "version 2 retires the score \"trials_dose_unverified\": an unsure dose now makes a trial uncertain (trials_uncertain)")
	}
	if s := d.Score("trials_failed"); s != nil && s.Distinct == nil {
		need(s.Pos, "version 2 counts failed trials by different medicine: give \"trials_failed\" the line \"distinct: med_name\", and a \"duplicate\" text")
	}
}

var retiredFlags = map[string]string{
	"interacting_meds": "it is split into interaction_sedation, interaction_blood_pressure and interaction_lamotrigine",
	"dose_unverified":  "an unsure dose now makes the trial uncertain instead",
}

func joinCodes(id string, d *Definition) string { return strings.Join(d.Item(id).Codes(), ", ") }
