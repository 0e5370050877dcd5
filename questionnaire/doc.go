// Package questionnaire is the clinical core of KetaScreen: it loads and
// validates a questionnaire definition (the items, scores and rules of the
// screening specification, written in YAML), keeps one person's answers in a
// Session, decides which items are shown, and computes the Result: outcome,
// pathway, flags, scores and the reasons behind them.
//
// Everything clinical is decided here, from the definition file; the package
// never imports the user interface. Go code evaluates the definition's rules;
// it does not hold thresholds of its own.
package questionnaire
