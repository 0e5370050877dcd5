// Command ketascreen is a self-screening checklist that helps a person decide
// whether, and how urgently, to talk with a licensed provider about ketamine
// therapy. Without arguments it opens the app window; "check" and "score" run
// without a window.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"ketascreen/assets"
	"ketascreen/desk"
	"ketascreen/headless"
	"ketascreen/kiosk"
	"ketascreen/questionnaire"
	"ketascreen/screens"
	"ketascreen/startup"
)

const appID = "org.ketascreen.app"

// fyneApp is the app's metadata, FyneApp.toml, built into the binary: its
// Version is the app's version, the one the packages carry.
//
//go:embed FyneApp.toml
var fyneApp string

// version, when set at build time (go build -ldflags "-X main.version=…"),
// replaces the version of FyneApp.toml.
var version = ""

// appVersion is the version the binary was built with, and the commit when
// Go recorded one: "0.1.0 (build 1, commit 0123456789ab)".
func appVersion() string {
	v, build := version, ""
	for _, line := range strings.Split(fyneApp, "\n") {
		key, value, ok := strings.Cut(line, "=")
		value = strings.Trim(strings.TrimSpace(value), `"`)
		switch strings.TrimSpace(key) {
		case "Version":
			if ok && v == "" {
				v = value
			}
		case "Build":
			build = value
		}
	}
	if v == "" {
		v = "unknown"
	}
	var about []string
	if build != "" {
		about = append(about, "build "+build)
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				about = append(about, "commit "+s.Value[:12])
			}
		}
	}
	if len(about) > 0 {
		v += " (" + strings.Join(about, ", ") + ")"
	}
	return v
}

func main() {
	startup.SanitizeLocale() // before Fyne reads it again at start-up
	if len(os.Args) > 1 {
		if os.Args[1] == "desk" {
			os.Exit(runDesk(os.Args[2:]))
		}
		if command := commands[os.Args[1]]; command != nil {
			startup.AttachParentConsole() // a Windows GUI program prints only through its parent's console
			os.Exit(command(os.Args[2:]))
		}
	}
	definition := flag.String("definition", "", "questionnaire definition `FILE` (default: the built-in one)")
	lang := flag.String("lang", startup.SystemLanguage(), "language of the app (default: the system's, when the questionnaire has it)")
	kioskMode := flag.Bool("kiosk", false, "run as a waiting-room kiosk (also: kiosk: true in the config file)")
	configPath := flag.String("config", "", "kiosk config `FILE` (default: ketascreen/kiosk.yaml in the user config folder, else the machine's: /etc/ketascreen/kiosk.yaml, or %ProgramData%\\KetaScreen\\kiosk.yaml on Windows)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Usage = usage
	flag.Parse()
	if flag.NArg() > 0 {
		usage()
		os.Exit(2)
	}
	if *showVersion {
		fmt.Println("ketascreen", appVersion())
		return
	}
	def, err := questionnaire.Open(*definition)
	exitOn(err)
	opts := screens.DefaultOptions()
	opts.Version = appVersion()
	cfg, err := kiosk.Open(*configPath, def.Languages)
	exitOn(err)
	var handover *kiosk.Handover
	if *kioskMode || cfg != nil && cfg.Kiosk {
		exitOn(kiosk.Ready(cfg, *configPath))
		if !kiosk.IsChild() {
			// This process supervises: one fresh kiosk process per person,
			// and one kiosk per machine.
			exitOn(kiosk.LockInstance())
			exitOn(kiosk.TestAlert(cfg, time.Now()))
			exitOnDisplayProblem()
			os.Exit(supervise(cfg))
		}
		handover = kiosk.NewHandover(os.Stdin, os.Stdout)
		opts.Kiosk = kioskOptions(cfg, handover)
		opts.Printer = screens.DefaultPrinter(cfg.Printer)
	}
	runGUI(def, *lang, opts, handover)
}

// commands are the subcommands that print rather than open a window.
var commands = map[string]func(args []string) int{
	"check":                     func(args []string) int { return headless.Check(args, os.Stdout, os.Stderr) },
	"score":                     func(args []string) int { return headless.Score(args, os.Stdin, os.Stdout, os.Stderr) },
	"kiosk-pin":                 func(args []string) int { return headless.KioskPIN(args, os.Stdin, os.Stdout, os.Stderr) },
	"kiosk-check":               func(args []string) int { return headless.KioskCheck(args, os.Stdout, os.Stderr) },
	"export-fhir-questionnaire": func(args []string) int { return headless.ExportFHIRQuestionnaire(args, os.Stdout, os.Stderr) },
	"export-fhir-codesystem":    func(args []string) int { return headless.ExportFHIRCodeSystem(args, os.Stdout, os.Stderr) },
	"decrypt":                   func(args []string) int { return headless.Decrypt(args, os.Stdout, os.Stderr) },
}

// runDesk opens the front desk's window on a records folder (ketascreen
// desk) and returns the exit code.
func runDesk(args []string) int {
	fs := flag.NewFlagSet("desk", flag.ContinueOnError)
	recordsDir := fs.String("records", "", "the records `FOLDER` the kiosks write to (shared or synced)")
	identity := fs.String("identity", "", "the clinic's age identity `FILE` (AGE-SECRET-KEY-…), kept on this machine")
	definition := fs.String("definition", "", "the kiosks' questionnaire definition `FILE` (default: the built-in one)")
	lang := fs.String("lang", startup.SystemLanguage(), "language of the window")
	printer := fs.String("printer", "", "CUPS `PRINTER` for Print (default: the default printer)")
	quiet := fs.Bool("quiet", false, "do not say new crisis and urgent records aloud")
	days := fs.Int("days", 7, "list the records of the last `N` days (0: all)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *recordsDir == "" || *identity == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: ketascreen desk --records FOLDER --identity KEY.txt [--days 7] [--definition FILE] [--lang en] [--printer NAME] [--quiet]")
		return 2
	}
	if info, err := os.Stat(*recordsDir); err != nil || !info.IsDir() {
		fmt.Fprintf(os.Stderr, "the records folder %s is not a folder that can be read\n", *recordsDir)
		return 1
	}
	ids, err := desk.ParseIdentity(*identity)
	exitOn(err)
	def, err := questionnaire.Open(*definition)
	exitOn(err)
	seenPath, err := desk.DefaultSeenPath()
	exitOn(err)
	seen, err := desk.OpenSeen(seenPath)
	exitOn(err)
	exitOnDisplayProblem()
	a := app.NewWithID(appID + ".desk")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	a.Settings().SetTheme(screens.Theme())
	w := a.NewWindow("KetaScreen front desk")
	sw, sh, _ := startup.ScreenSize()
	w.Resize(fyne.NewSize(startup.WindowSize(1100, 760, sw, sh, w.Canvas().Scale())))
	folder := desk.NewFolder(*recordsDir, ids, def, seen)
	folder.Days = *days
	opts := screens.DeskOptions{Folder: folder, Lang: *lang, Printer: screens.DefaultPrinter(*printer)}
	if s := (&screens.SystemSpeaker{}); !*quiet && s.Available() {
		opts.Speaker = s
	} else if !*quiet {
		fmt.Fprintln(os.Stderr, "desk: no speech engine (espeak-ng) is installed: new crisis and urgent records are shown in red and counted in the window title, not said aloud")
	}
	d := screens.NewDesk(w, opts)
	d.Watch()
	w.ShowAndRun()
	d.Stop()
	return 0
}

// exitOn ends the app with the error's message, if there is one.
func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// supervise runs the kiosk as one process per person (kiosk.Supervisor):
// this program again, with the same arguments, marked as a kiosk process
// and with the kiosk's Fyne cache lifetime; it keeps the kiosk's status
// file. It returns the exit code.
func supervise(cfg *kiosk.Config) int {
	exe, err := os.Executable()
	exitOn(err)
	stop := make(chan struct{})
	onStopSignal(func() { close(stop) })
	status := kiosk.NewStatusFile(cfg.StatusPath(), appVersion(), cfg.Name)
	s := &kiosk.Supervisor{
		Command: func() *exec.Cmd {
			cmd := exec.Command(exe, os.Args[1:]...)
			cmd.Env = append(os.Environ(), kiosk.ChildVar+"=1", kiosk.CacheEnv())
			cmd.Stderr = os.Stderr
			return cmd
		},
		Output: os.Stdout,
		Status: status, // the supervisor's faults are its last_error
		Log:    func(s string) { log.Print(s) },
	}
	return s.Run(stop)
}

func kioskOptions(cfg *kiosk.Config, handover *kiosk.Handover) *screens.KioskOptions {
	ko := &screens.KioskOptions{
		Config:  cfg,
		Alerter: &kiosk.Alerter{Command: cfg.AlertCommand, Timeout: cfg.AlertTimeout(), Log: func(s string) { log.Print(s) }},
		Replace: func(stay func()) { handover.Replace(func() { fyne.Do(fyne.CurrentApp().Quit) }, stay) },
		Report:  handover.Status,
	}
	if p := cfg.LogoPath(); p != "" {
		if res, err := fyne.LoadResourceFromPath(p); err == nil {
			ko.Logo = res
		}
	}
	return ko
}

// runGUI opens the window and runs the app until it quits; a kiosk process
// tells its supervisor through handover (nil without one) when it is up
// and when staff exit.
func runGUI(def *questionnaire.Definition, lang string, opts screens.Options, handover *kiosk.Handover) {
	exitOnDisplayProblem()
	if err := startup.EnsureCacheDir(); err != nil {
		fmt.Fprintln(os.Stderr, "creating the cache folder:", err)
	}
	// Until the window is up, hold what the graphics library logs: should it
	// fail (a display that cannot be reached), one line says so instead.
	held := startup.HoldLog(os.Stderr)
	log.SetOutput(held)
	defer func() {
		if r := recover(); r != nil {
			held.Discard()
			fmt.Fprintln(os.Stderr, startup.NoWindowMessage(fmt.Sprintf("the display %q could not be reached", os.Getenv("DISPLAY"))))
			os.Exit(1)
		}
	}()
	a := app.NewWithID(appID)
	var ui *screens.UI
	a.Lifecycle().SetOnStarted(func() {
		held.Release()
		ui.Started()
		// Reading the definition and building the first screen leave some
		// megabytes of garbage that Go would otherwise keep as its heap's
		// high-water mark; give it back once the first frame is up.
		time.AfterFunc(time.Second, kiosk.ReleaseMemory)
		// The window is mapped and drawing by now; the supervisor may end
		// the process it replaces.
		time.AfterFunc(onScreenAfter, handover.Ready)
	})
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	a.Settings().SetTheme(screens.Theme())
	w := a.NewWindow("KetaScreen")
	opts.Quit = a.Quit
	if opts.Kiosk != nil {
		// Locked: full screen; screens ignores closing (window button,
		// Alt+F4). Only the staff PIN's "Exit kiosk" ends the app.
		opts.Kiosk.Quit = func() {
			handover.Exiting()
			a.Quit()
		}
		// Stopped by the supervisor or the service manager: end as a
		// wipe-and-replace does, after the staff alerts still running.
		onStopSignal(func() { fyne.Do(a.Quit) })
		w.SetFullScreen(true)
	} else {
		// Closing or Ctrl+Q asks first when answers would be lost (screens).
		sw, sh, _ := startup.ScreenSize()
		w.Resize(fyne.NewSize(startup.WindowSize(1280, 800, sw, sh, w.Canvas().Scale())))
		w.CenterOnScreen()
	}
	ui = screens.New(w, def, lang, opts)
	w.ShowAndRun()
	if opts.Kiosk != nil {
		if a, ok := opts.Kiosk.Alerter.(*kiosk.Alerter); ok {
			a.Wait() // an alert for the person just wiped is not cut short
		}
	}
}

// exitOnDisplayProblem ends the app with a message when there is no display
// to open a window on.
func exitOnDisplayProblem() {
	if problem := startup.DisplayProblem(); problem != "" {
		fmt.Fprintln(os.Stderr, startup.NoWindowMessage(problem))
		os.Exit(1)
	}
}

// onScreenAfter is how long after the app has started a kiosk process counts
// itself on screen: its window is mapped, full screen, and its first frames
// drawn.
const onScreenAfter = 300 * time.Millisecond

// onStopSignal calls f, once, when the process is asked to stop (SIGTERM,
// or Ctrl+C in a terminal).
func onStopSignal(f func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		f()
	}()
}

func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintln(out, "usage:")
	fmt.Fprintln(out, "  ketascreen [--definition FILE] [--lang en]   open the app")
	fmt.Fprintln(out, "  ketascreen --version                         print the version")
	fmt.Fprintln(out, "  ketascreen check [DEFINITION.yaml]           validate a definition and run its examples")
	fmt.Fprintln(out, "  ketascreen score [--definition FILE] [--pdf OUT.pdf] [--fhir OUT.json [--transaction]] ANSWERS.json")
	fmt.Fprintln(out, "  ketascreen --kiosk [--config FILE]           run as a waiting-room kiosk")
	fmt.Fprintln(out, "  ketascreen kiosk-pin [--config FILE]         set the kiosk's staff PIN")
	fmt.Fprintln(out, "  ketascreen kiosk-check [--config FILE] [--definition FILE]   check everything a kiosk needs, without a window")
	fmt.Fprintln(out, "  ketascreen export-fhir-questionnaire [-o OUT.json]   the SDC Questionnaire of the definition")
	fmt.Fprintln(out, "  ketascreen export-fhir-codesystem [-o OUT.json]      its own code systems (codes without LOINC)")
	fmt.Fprintln(out, "  ketascreen decrypt -i KEY.txt RECORD.age      open a kiosk record")
	fmt.Fprintln(out, "  ketascreen desk --records FOLDER --identity KEY.txt   the front desk's window on the kiosks' records")
	flag.PrintDefaults()
}
