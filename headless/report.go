package headless

import (
	"strings"

	"ketascreen/questionnaire"
)

// ResultReport is the JSON the score command prints.
type ResultReport struct {
	Outcome string                    `json:"outcome"`
	Pathway string                    `json:"pathway,omitempty"`
	Flags   []string                  `json:"flags"`
	Scores  map[string]map[string]any `json:"scores"`
	Reasons []ReasonReport            `json:"reasons"`
}

// ReasonReport is one reason: the rule that fired, its plain text, its source
// and the answers that caused it.
type ReasonReport struct {
	Rule    string                `json:"rule"`
	Text    string                `json:"text"`
	Source  string                `json:"source,omitempty"`
	Answers []questionnaire.Cause `json:"answers"`
	// Kept: the rule held when its outcome (urgent) was shown and no longer
	// does; the outcome stays, and Answers are those it was shown for.
	Kept bool `json:"kept,omitempty"`
}

// Report turns a result into the score command's JSON shape: scores keyed by
// instrument (phq9 {total, band}, pcptsd5 {completed, score, positive} or
// {completed: false}, asq {result}, trials {failed, uncertain}).
func Report(res *questionnaire.Result, lang string) ResultReport {
	r := ResultReport{
		Outcome: res.OutcomeID(),
		Pathway: res.PathwayID(),
		Flags:   res.FlagIDs(),
		Scores:  map[string]map[string]any{},
		Reasons: []ReasonReport{},
	}
	for _, s := range res.Scores {
		group, key, fields := scoreFields(s)
		if r.Scores[group] == nil {
			r.Scores[group] = map[string]any{}
		}
		if key != "" {
			r.Scores[group][key] = s.Value
			continue
		}
		for k, v := range fields {
			r.Scores[group][k] = v
		}
	}
	for _, reason := range res.Reasons {
		rr := ReasonReport{Rule: reason.Rule.ID, Text: reason.Rule.Reason.In(lang), Answers: reason.Causes, Kept: reason.Kept}
		if reason.Rule.Source != nil {
			rr.Source = reason.Rule.Source.ID
		}
		if rr.Answers == nil {
			rr.Answers = []questionnaire.Cause{}
		}
		r.Reasons = append(r.Reasons, rr)
	}
	return r
}

// scoreFields places a score in the report: either a key inside a group
// ("trials.failed") or a group of its own with fields by kind.
func scoreFields(s *questionnaire.ScoreResult) (group, key string, fields map[string]any) {
	if g, k, ok := strings.Cut(s.Score.Report, "."); ok {
		return g, k, nil
	}
	group = s.Score.ID
	if s.Score.Report != "" {
		group = s.Score.Report
	}
	if s.Score.Completed != nil {
		if s.NotCompleted {
			return group, "", map[string]any{"completed": false}
		}
		defer func() { fields["completed"] = true }()
	}
	switch s.Score.Kind {
	case questionnaire.Sum:
		fields = map[string]any{"total": s.Value}
		if s.Band != nil {
			fields["band"] = s.Band.Code
		}
	case questionnaire.Count:
		fields = map[string]any{"score": s.Value}
		if s.Score.Positive != nil {
			fields["positive"] = s.Positive
		}
	case questionnaire.Classify:
		fields = map[string]any{"result": s.Result}
	default:
		fields = map[string]any{"count": s.Value}
	}
	if !s.Complete {
		fields["complete"] = false
	}
	return group, "", fields
}
