// Command ketascreen is a self-screening checklist that helps a person decide
// whether, and how urgently, to talk with a licensed provider about ketamine
// therapy. Without arguments it opens the app window; "check" and "score" run
// without a window.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"ketascreen/assets"
	"ketascreen/headless"
	"ketascreen/kiosk"
	"ketascreen/questionnaire"
	"ketascreen/screens"
	"ketascreen/startup"
)

const appID = "org.ketascreen.app"

func main() {
	startup.SanitizeLocale() // before Fyne reads it again at start-up
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "check", "score", "kiosk-pin", "export-fhir-questionnaire", "decrypt":
			startup.AttachParentConsole() // a Windows GUI program prints only through its parent's console
		}
		switch os.Args[1] {
		case "check":
			os.Exit(headless.Check(os.Args[2:], os.Stdout, os.Stderr))
		case "score":
			os.Exit(headless.Score(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
		case "kiosk-pin":
			os.Exit(headless.KioskPIN(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
		case "export-fhir-questionnaire":
			os.Exit(headless.ExportFHIRQuestionnaire(os.Args[2:], os.Stdout, os.Stderr))
		case "decrypt":
			os.Exit(headless.Decrypt(os.Args[2:], os.Stdout, os.Stderr))
		}
	}
	definition := flag.String("definition", "", "questionnaire definition `FILE` (default: the built-in one)")
	lang := flag.String("lang", startup.SystemLanguage(), "language of the app (default: the system's, when the questionnaire has it)")
	kioskMode := flag.Bool("kiosk", false, "run as a waiting-room kiosk (also: kiosk: true in the config file)")
	configPath := flag.String("config", "", "kiosk config `FILE` (default: ketascreen/kiosk.yaml in the user config folder)")
	flag.Usage = usage
	flag.Parse()
	if flag.NArg() > 0 {
		usage()
		os.Exit(2)
	}
	def, err := questionnaire.Open(*definition)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	opts := screens.DefaultOptions()
	cfg, err := kiosk.Open(*configPath, def.Languages)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *kioskMode || cfg != nil && cfg.Kiosk {
		if err := kiosk.Ready(cfg, *configPath); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		opts.Kiosk = kioskOptions(cfg)
		opts.Printer = screens.DefaultPrinter(cfg.Printer)
	}
	runGUI(def, *lang, opts)
}

func kioskOptions(cfg *kiosk.Config) *screens.KioskOptions {
	ko := &screens.KioskOptions{
		Config:  cfg,
		Alerter: &kiosk.Alerter{Command: cfg.AlertCommand, Timeout: cfg.AlertTimeout(), Log: func(s string) { log.Print(s) }},
	}
	if p := cfg.LogoPath(); p != "" {
		if res, err := fyne.LoadResourceFromPath(p); err == nil {
			ko.Logo = res
		}
	}
	return ko
}

func runGUI(def *questionnaire.Definition, lang string, opts screens.Options) {
	if err := startup.EnsureCacheDir(); err != nil {
		fmt.Fprintln(os.Stderr, "creating the cache folder:", err)
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	a.Settings().SetTheme(screens.Theme())
	w := a.NewWindow("KetaScreen")
	if opts.Kiosk != nil {
		// Locked: full screen, and closing (window button, Alt+F4) does nothing.
		// Only the staff PIN's "Exit kiosk" ends the app.
		opts.Kiosk.Quit = a.Quit
		w.SetCloseIntercept(func() {})
		w.SetFullScreen(true)
	} else {
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { a.Quit() })
		w.Resize(fyne.NewSize(1200, 780))
		w.CenterOnScreen()
	}
	screens.New(w, def, lang, opts)
	w.ShowAndRun()
}

func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintln(out, "usage:")
	fmt.Fprintln(out, "  ketascreen [--definition FILE] [--lang en]   open the app")
	fmt.Fprintln(out, "  ketascreen check [DEFINITION.yaml]           validate a definition and run its examples")
	fmt.Fprintln(out, "  ketascreen score [--definition FILE] [--pdf OUT.pdf] [--fhir OUT.json] ANSWERS.json")
	fmt.Fprintln(out, "  ketascreen --kiosk [--config FILE]           run as a waiting-room kiosk")
	fmt.Fprintln(out, "  ketascreen kiosk-pin [--config FILE]         set the kiosk's staff PIN")
	fmt.Fprintln(out, "  ketascreen export-fhir-questionnaire [-o OUT.json]   the FHIR Questionnaire of the definition")
	fmt.Fprintln(out, "  ketascreen decrypt -i KEY.txt RECORD.age      open a kiosk record")
	flag.PrintDefaults()
}
