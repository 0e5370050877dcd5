package headless

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"ketascreen/kiosk"
	"ketascreen/questionnaire"
)

// KioskCheck checks everything a kiosk needs before it can start, without
// opening a window, for a fleet's management scripts: the definition (valid,
// its examples pass), the config (every value, at its file and line), a
// staff PIN and a staff alert set, the logo and the records folder usable,
// and the alert command's start-up test event delivered (the event a
// starting kiosk sends; the alert program receives kind "test"). It prints
// one line per check passed, every problem on stderr, and exits ExitOK
// when the kiosk would start, ExitInvalid when it would not.
func KioskCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kiosk-check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "kiosk config `FILE` (default: the one --kiosk finds)")
	definition := fs.String("definition", "", "questionnaire definition `FILE` (default: the built-in one)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ketascreen kiosk-check [--config FILE] [--definition FILE]")
		fmt.Fprintln(stderr, "Checks a kiosk's config, definition, PIN, logo, records folder and staff alert without opening a window.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if err == nil {
			fs.Usage()
		}
		return ExitInput
	}
	ok := func(format string, a ...any) { fmt.Fprintf(stdout, "ok: "+format+"\n", a...) }
	fail := func(err error) int {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stdout, "kiosk-check: this kiosk would not start")
		return ExitInvalid
	}

	def, err := questionnaire.Open(*definition)
	if err != nil {
		return fail(err)
	}
	if failures := def.RunExamples(); len(failures) > 0 {
		var lines []string
		for _, f := range failures {
			lines = append(lines, f.Error())
		}
		return fail(fmt.Errorf("%s", strings.Join(lines, "\n")))
	}
	ok("definition %s, version %s, %d examples pass", nameOf(*definition), def.Version, len(def.Examples))

	cfg, err := kiosk.Open(*configPath, def.Languages)
	if err != nil {
		return fail(err)
	}
	if err := kiosk.Ready(cfg, *configPath); err != nil {
		return fail(err)
	}
	ok("config %s", cfg.File)
	ok("staff PIN set")
	if p := cfg.LogoPath(); p != "" {
		ok("logo %s", p)
	}
	if cfg.AgeRecipient != "" {
		ok("records folder %s can be written; records are encrypted for %s", cfg.RecordsPath(), shortKey(cfg.AgeRecipient))
	} else {
		ok("no records are kept (no age_recipient)")
	}
	if p := cfg.StatusPath(); p != "" {
		ok("status file %s", p)
	}
	start := time.Now()
	if err := kiosk.TestAlert(cfg, start); err != nil {
		return fail(err)
	}
	ok("staff alert %s took its test event in %.1f s", cfg.AlertCommand[0], time.Since(start).Seconds())
	fmt.Fprintln(stdout, "kiosk-check: this kiosk is ready")
	return ExitOK
}

// shortKey is an age public key as people compare them: its start and end.
func shortKey(key string) string {
	key = strings.TrimSpace(key)
	if len(key) <= 16 {
		return key
	}
	return key[:10] + "…" + key[len(key)-6:]
}
