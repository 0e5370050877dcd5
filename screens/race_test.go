//go:build race

package screens

// raceDetector is true in a test binary built with -race, which slows the
// screen tests about sixfold: the heaviest run in make test's pass without
// it (see TestEveryScreenFitsItsWindow).
const raceDetector = true
