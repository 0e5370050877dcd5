//go:build !windows

package screens

func defaultPrinter(destination string) Printer { return LPPrinter{Destination: destination} }
