// Command ketascreen is a self-screening checklist that helps a person decide
// whether, and how urgently, to talk with a licensed provider about ketamine
// therapy. Without arguments it opens the app window; "check" and "score" run
// without a window.
package main

import (
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"ketascreen/assets"
	"ketascreen/headless"
	"ketascreen/questionnaire"
	"ketascreen/screens"
	"ketascreen/startup"
)

const appID = "org.ketascreen.app"

func main() {
	startup.SanitizeLocale() // before Fyne reads it again at start-up
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "check":
			os.Exit(headless.Check(os.Args[2:], os.Stdout, os.Stderr))
		case "score":
			os.Exit(headless.Score(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
		}
	}
	definition := flag.String("definition", "", "questionnaire definition `FILE` (default: the built-in one)")
	lang := flag.String("lang", "en", "language of the app")
	flag.Usage = usage
	flag.Parse()
	if flag.NArg() > 0 {
		usage()
		os.Exit(2)
	}
	def, err := loadDefinition(*definition)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	runGUI(def, *lang)
}

func loadDefinition(path string) (*questionnaire.Definition, error) {
	if path == "" {
		return questionnaire.Default()
	}
	return questionnaire.LoadFile(path)
}

func runGUI(def *questionnaire.Definition, lang string) {
	if err := startup.EnsureCacheDir(); err != nil {
		fmt.Fprintln(os.Stderr, "creating the cache folder:", err)
	}
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.svg", assets.IconSVG))
	a.Settings().SetTheme(screens.Theme())
	w := a.NewWindow("KetaScreen")
	screens.New(w, def, lang, screens.DefaultOptions())
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { a.Quit() })
	w.Resize(fyne.NewSize(1200, 780))
	w.CenterOnScreen()
	w.ShowAndRun()
}

func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintln(out, "usage:")
	fmt.Fprintln(out, "  ketascreen [--definition FILE] [--lang en]   open the app")
	fmt.Fprintln(out, "  ketascreen check [DEFINITION.yaml]           validate a definition and run its examples")
	fmt.Fprintln(out, "  ketascreen score [--definition FILE] ANSWERS.json   print the result of an answers file as JSON")
	flag.PrintDefaults()
}
