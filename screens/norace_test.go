//go:build !race

package screens

// raceDetector is false in a test binary built without -race.
const raceDetector = false
