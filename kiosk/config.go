// Package kiosk holds what the waiting-room kiosk needs besides its screens:
// the kiosk configuration file, the staff PIN (kept only as an argon2id
// hash), the staff alert command, and the clock the idle timer runs on.
package kiosk

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"ketascreen/internal/limitedfile"
	"ketascreen/internal/yamlbound"
)

// CrisisLine is a crisis service for the kiosk's locale, replacing the
// definition's United States defaults when given.
type CrisisLine struct {
	Number string `yaml:"number"`
	Text   string `yaml:"text"`
}

// Config is the kiosk configuration file.
type Config struct {
	// Kiosk turns kiosk mode on without the --kiosk flag.
	Kiosk bool `yaml:"kiosk"`
	// ClinicName and Logo (a PNG, JPEG or SVG file) are shown on the attract screen.
	ClinicName string `yaml:"clinic_name"`
	Logo       string `yaml:"logo"`
	// Name identifies this kiosk in staff alerts ("waiting-room-1").
	Name string `yaml:"kiosk_name"`
	// Languages offered on the attract screen; the first is the default.
	Languages []string `yaml:"languages"`
	// RecordLanguage is the language of the record's PDF and the printout
	// for the front desk, whatever language the person chose; empty means
	// the first of Languages (see RecordLang).
	RecordLanguage string `yaml:"record_language"`
	// IdleSeconds without a touch or key before "Are you still there?";
	// CountdownSeconds that question waits before the session is wiped;
	// SafetyIdleSeconds replaces IdleSeconds on the crisis and urgent screens.
	IdleSeconds       int `yaml:"idle_seconds"`
	CountdownSeconds  int `yaml:"countdown_seconds"`
	SafetyIdleSeconds int `yaml:"safety_idle_seconds"`
	// AlertCommand runs on crisis and urgent outcomes with a JSON event on
	// standard input: the program and its arguments, no shell.
	AlertCommand        []string `yaml:"alert_command"`
	AlertTimeoutSeconds int      `yaml:"alert_timeout_seconds"`
	// PINHash is the staff PIN as an argon2id hash, set by "ketascreen kiosk-pin".
	PINHash string `yaml:"pin_hash"`
	// CrisisLines replace the definition's crisis resources for the locale.
	CrisisLines []CrisisLine `yaml:"crisis_lines"`
	// AgeRecipient is the clinic's age public key (age1…). With it, each
	// finished screening is saved encrypted in RecordsFolder; without it the
	// kiosk saves nothing.
	AgeRecipient  string `yaml:"age_recipient"`
	RecordsFolder string `yaml:"records_folder"`
	// Printer is the CUPS printer for "Print for the front desk"; empty means none.
	Printer string `yaml:"printer"`
	// StatusFile is where the kiosk writes its status for monitoring
	// (Status); relative to this file. Empty: kiosk-status.json in the
	// user's ketascreen config folder.
	StatusFile string `yaml:"status_file"`

	File string `yaml:"-"`
}

// Defaults of the optional settings.
const (
	DefaultIdle         = 90 * time.Second
	DefaultCountdown    = 30 * time.Second
	DefaultSafetyIdle   = 10 * time.Minute
	DefaultAlertTimeout = 10 * time.Second
)

// RecordLang is the language the clinic reads the record in: record_language,
// else the first of the kiosk's languages, else the definition's first.
func (c *Config) RecordLang(definitionLanguages []string) string {
	switch {
	case c.RecordLanguage != "":
		return c.RecordLanguage
	case len(c.Languages) > 0:
		return c.Languages[0]
	case len(definitionLanguages) > 0:
		return definitionLanguages[0]
	}
	return ""
}

// Idle, Countdown, SafetyIdle and AlertTimeout return the durations with defaults applied.
func (c *Config) Idle() time.Duration { return seconds(c.IdleSeconds, DefaultIdle) }

// Countdown is how long "Are you still there?" waits.
func (c *Config) Countdown() time.Duration { return seconds(c.CountdownSeconds, DefaultCountdown) }

// SafetyIdle is the idle time on the crisis and urgent screens.
func (c *Config) SafetyIdle() time.Duration {
	return seconds(c.SafetyIdleSeconds, DefaultSafetyIdle)
}

// AlertTimeout is how long the alert command may run before it is killed.
func (c *Config) AlertTimeout() time.Duration {
	return seconds(c.AlertTimeoutSeconds, DefaultAlertTimeout)
}

func seconds(n int, def time.Duration) time.Duration {
	if n <= 0 {
		return def
	}
	return time.Duration(n) * time.Second
}

// DefaultPath is the user's own config file: ketascreen/kiosk.yaml in the
// user config folder. kiosk-pin creates it when no config file exists yet.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the user config folder: %w", err)
	}
	return filepath.Join(dir, "ketascreen", "kiosk.yaml"), nil
}

// MachinePath is the machine's config file, which a fleet's management
// tool installs for every account: /etc/ketascreen/kiosk.yaml, or
// %ProgramData%\KetaScreen\kiosk.yaml on Windows. A variable so tests can
// move it.
var MachinePath = machinePath()

func machinePath() string {
	if runtime.GOOS == "windows" {
		dir := os.Getenv("ProgramData")
		if dir == "" {
			dir = `C:\ProgramData`
		}
		return filepath.Join(dir, "KetaScreen", "kiosk.yaml")
	}
	return "/etc/ketascreen/kiosk.yaml"
}

// DefaultPaths are where the config file is looked for without --config,
// in order: the user's (DefaultPath), then the machine's (MachinePath).
func DefaultPaths() []string {
	var paths []string
	if p, err := DefaultPath(); err == nil {
		paths = append(paths, p)
	}
	return append(paths, MachinePath)
}

// Find is the config file used without --config: the first of DefaultPaths
// that exists, or "" when none does.
func Find() string {
	for _, p := range DefaultPaths() {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// LoadConfig reads and checks a config file. definitionLanguages are the
// languages the questionnaire has; the kiosk may offer only those. Every
// error names the file and line; on error nothing of the file is used.
func LoadConfig(path string, definitionLanguages []string) (*Config, error) {
	src, err := limitedfile.Read(path, maxConfigBytes)
	if err != nil {
		return nil, fmt.Errorf("reading the kiosk config: %w", err)
	}
	return ParseConfig(path, src, definitionLanguages)
}

// maxConfigBytes is the largest kiosk config read; a real one is under 2 KB.
const maxConfigBytes = 64 << 10

// configLimits bound the config's YAML before it is parsed: its deepest
// part is crisis_lines, a list of maps (3), and it has no use for aliases.
var configLimits = yamlbound.Limits{Depth: 4}

// ParseConfig is LoadConfig on text already read.
func ParseConfig(name string, src []byte, definitionLanguages []string) (*Config, error) {
	c := &Config{File: name}
	if len(bytes.TrimSpace(src)) > 0 {
		if err := yamlbound.Check(src, configLimits); err != nil {
			return nil, fmt.Errorf("%s:%w", name, err)
		}
		if err := decodeStrict(src, c); err != nil {
			return nil, fmt.Errorf("%s:%s", name, yamlMessage(err))
		}
	}
	c.File = name
	if err := c.check(src, definitionLanguages); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeStrict decodes YAML, refusing unknown keys. goccy/go-yaml v1.19.2
// can panic on some malformed input (a tag on an empty list, found by
// fuzzing); that becomes an error like any other.
func decodeStrict(src []byte, c *Config) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("this is not YAML the kiosk can read (%v)", r)
		}
	}()
	return yaml.UnmarshalWithOptions(src, c, yaml.Strict())
}

// yamlMessage turns a goccy/go-yaml error into "line:col: message" (" message"
// when it has no place), to follow the file's name.
func yamlMessage(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return fmt.Sprintf("%d:%d: %s", p.Line, p.Column, ye.GetMessage())
	}
	return " " + err.Error()
}

// check validates the values, reporting each problem at the line of its key.
func (c *Config) check(src []byte, definitionLanguages []string) error {
	p := &problems{file: c.File, at: keyLines(src)}
	c.checkTimes(p)
	c.checkAlert(p)
	for _, l := range c.Languages {
		if !slices.Contains(definitionLanguages, l) {
			p.bad("languages", "%q is not a language of the questionnaire (%s)", l, strings.Join(definitionLanguages, ", "))
		}
	}
	if c.RecordLanguage != "" && !slices.Contains(definitionLanguages, c.RecordLanguage) {
		p.bad("record_language", "%q is not a language of the questionnaire (%s)", c.RecordLanguage, strings.Join(definitionLanguages, ", "))
	}
	if c.Logo != "" {
		if err := checkLogo(c.resolve(c.Logo)); err != nil {
			p.bad("logo", "%v", err)
		}
	}
	if c.PINHash != "" && !ValidHash(c.PINHash) {
		p.bad("pin_hash", "not an argon2id hash; set the PIN again with: ketascreen kiosk-pin --config %s", c.File)
	}
	c.checkRecords(p)
	if c.StatusFile != "" {
		if dir := filepath.Dir(c.StatusPath()); canWrite(dir) != nil {
			p.bad("status_file", "the kiosk cannot write its status in %s", dir)
		}
	}
	for i, l := range c.CrisisLines {
		if strings.TrimSpace(l.Number) == "" || strings.TrimSpace(l.Text) == "" {
			p.bad("crisis_lines", "entry %d needs both a number and a text", i+1)
		}
	}
	return p.err()
}

// problems collects what is wrong with a config, each at its key's line.
type problems struct {
	file string
	at   map[string]int
	list []string
}

func (p *problems) bad(key, format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf("%s:%d: %s: %s", p.file, p.at[key], key, fmt.Sprintf(format, args...)))
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return errors.New(strings.Join(p.list, "\n"))
}

// checkTimes: the idle times leave room to read, notice, and reach someone.
// The longest times stop a kiosk from keeping someone's answers on the
// screen for hours after they left (and a number from overflowing a
// duration).
func (c *Config) checkTimes(p *problems) {
	switch {
	case c.IdleSeconds < 0, c.IdleSeconds != 0 && c.IdleSeconds < 15:
		p.bad("idle_seconds", "%d is too short for someone reading a question (at least 15)", c.IdleSeconds)
	case c.IdleSeconds > maxIdleSeconds:
		p.bad("idle_seconds", "%d would leave a person's answers on the screen too long after they left (at most %d)", c.IdleSeconds, maxIdleSeconds)
	}
	switch {
	case c.CountdownSeconds < 0, c.CountdownSeconds != 0 && c.CountdownSeconds < 5:
		p.bad("countdown_seconds", "%d is too short to notice the question (at least 5)", c.CountdownSeconds)
	case c.CountdownSeconds > maxCountdownSeconds:
		p.bad("countdown_seconds", "%d is longer than anyone waits for the question (at most %d)", c.CountdownSeconds, maxCountdownSeconds)
	}
	switch {
	case c.SafetyIdleSeconds < 0, c.SafetyIdleSeconds != 0 && c.SafetyIdleSeconds < int(c.Idle().Seconds()):
		p.bad("safety_idle_seconds", "%d is shorter than idle_seconds; staff need longer to reach someone in crisis", c.SafetyIdleSeconds)
	case c.SafetyIdleSeconds > maxSafetyIdleSeconds:
		p.bad("safety_idle_seconds", "%d is more than the kiosk keeps a crisis screen (at most %d, %s)", c.SafetyIdleSeconds, maxSafetyIdleSeconds, time.Duration(maxSafetyIdleSeconds)*time.Second)
	}
}

// The longest idle times a config may set.
const (
	maxIdleSeconds       = 600  // 10 minutes on one question
	maxCountdownSeconds  = 120  // "Are you still there?"
	maxSafetyIdleSeconds = 3600 // an hour on the crisis or urgent screen
)

func (c *Config) checkAlert(p *problems) {
	if c.AlertTimeoutSeconds < 0 || c.AlertTimeoutSeconds > 120 {
		p.bad("alert_timeout_seconds", "%d is outside 1 to 120", c.AlertTimeoutSeconds)
	}
	if len(c.AlertCommand) == 0 {
		return
	}
	if strings.TrimSpace(c.AlertCommand[0]) == "" {
		p.bad("alert_command", "the first entry must be the program to run")
		return
	}
	// Found now, not on the first crisis: a relative name is looked up in
	// PATH as it will be when the alert runs.
	if _, err := exec.LookPath(c.AlertCommand[0]); err != nil {
		p.bad("alert_command", "%s is not a program that can be run (%v)", c.AlertCommand[0], errors.Unwrap(err))
	}
}

// checkRecords: an age key needs a records folder that exists and the kiosk
// can write to; a records folder without a key would save nothing, which an
// admin who set it does not expect.
func (c *Config) checkRecords(p *problems) {
	if c.AgeRecipient == "" {
		if c.RecordsFolder != "" {
			p.bad("records_folder", "without age_recipient no record is saved in %s; add the clinic's age public key (age_recipient: age1…) or remove records_folder", c.RecordsFolder)
		}
		return
	}
	if _, err := age.ParseX25519Recipient(strings.TrimSpace(c.AgeRecipient)); err != nil {
		p.bad("age_recipient", "not an age public key (it starts with age1): %v", err)
	}
	if c.RecordsFolder == "" {
		p.bad("age_recipient", "records_folder is needed to know where to save the encrypted records")
	} else if fi, err := os.Stat(c.RecordsPath()); err != nil || !fi.IsDir() {
		p.bad("records_folder", "%s is not a folder", c.RecordsPath())
	} else if err := canWrite(c.RecordsPath()); err != nil {
		p.bad("records_folder", "the kiosk cannot save records in %s: %v", c.RecordsPath(), err)
	}
}

// canWrite tells whether a file can be made in dir, by making and removing one.
func canWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".ketascreen-write-test-*")
	if err != nil {
		return errors.Unwrap(err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// resolve makes a path in the config relative to the config file's folder.
func (c *Config) resolve(path string) string {
	if filepath.IsAbs(path) || c.File == "" {
		return path
	}
	return filepath.Join(filepath.Dir(c.File), path)
}

// PINStatePath is the file that keeps the staff PIN's wrong tries and
// lockout across restarts: beside the config (kiosk.yaml → kiosk.pin-state),
// or, when the kiosk cannot write there (a config in /etc owned by root),
// kiosk.pin-state in the user's config folder. It is "" when the config has
// no file.
func (c *Config) PINStatePath() string {
	if c.File == "" {
		return ""
	}
	beside := strings.TrimSuffix(c.File, filepath.Ext(c.File)) + ".pin-state"
	if canWrite(filepath.Dir(c.File)) == nil {
		return beside
	}
	if dir, err := os.UserConfigDir(); err == nil {
		if os.MkdirAll(filepath.Join(dir, "ketascreen"), 0o700) == nil {
			return filepath.Join(dir, "ketascreen", "kiosk.pin-state")
		}
	}
	return beside // saving will fail and say so; the count stays in memory
}

// RecordsPath is the folder for encrypted records, relative to the config file.
func (c *Config) RecordsPath() string { return c.resolve(c.RecordsFolder) }

// LogoPath is the logo file to show, or "".
func (c *Config) LogoPath() string {
	if c.Logo == "" {
		return ""
	}
	return c.resolve(c.Logo)
}

// keyLines maps each top-level key to its line, for messages.
func keyLines(src []byte) map[string]int {
	lines := map[string]int{}
	file, err := parser.ParseBytes(src, 0)
	if err != nil || len(file.Docs) == 0 {
		return lines
	}
	if m, ok := file.Docs[0].Body.(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			lines[mv.Key.GetToken().Value] = mv.Key.GetToken().Position.Line
		}
	}
	if mv, ok := file.Docs[0].Body.(*ast.MappingValueNode); ok {
		lines[mv.Key.GetToken().Value] = mv.Key.GetToken().Position.Line
	}
	return lines
}

// Open loads the kiosk config: the named file, or the default one when it
// exists. It returns nil and no error only when no file was named and the
// default does not exist. A file that exists but is wrong is an error, so a
// mistake never silently turns a kiosk into a desktop app.
func Open(path string, definitionLanguages []string) (*Config, error) {
	if path == "" {
		if path = Find(); path == "" {
			return nil, nil
		}
	}
	c, err := LoadConfig(path, definitionLanguages)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("the kiosk config %s does not exist.\nCreate it by setting the staff PIN: ketascreen kiosk-pin --config %s", path, path)
	case err != nil:
		return nil, fmt.Errorf("the kiosk did not start: %w", err)
	}
	return c, nil
}

// Ready says why kiosk mode cannot start with a config, or nil: there must
// be a config with a staff PIN, since nobody could otherwise leave or reset
// the kiosk. path is the config named on the command line, if any.
func Ready(c *Config, path string) error {
	if c == nil {
		if path != "" {
			return fmt.Errorf("kiosk mode needs a config file with a staff PIN, and %s does not exist.\nCreate it by setting the PIN: ketascreen kiosk-pin --config %s", path, path)
		}
		paths := DefaultPaths()
		return fmt.Errorf("kiosk mode needs a config file with a staff PIN, and there is none (looked for %s).\nCreate one by setting the PIN: ketascreen kiosk-pin --config %s", strings.Join(paths, ", "), paths[len(paths)-1])
	}
	if c.PINHash == "" {
		return fmt.Errorf("kiosk mode needs a staff PIN, and %s has none.\nSet one with: ketascreen kiosk-pin --config %s", c.File, c.File)
	}
	if len(c.AlertCommand) == 0 {
		return fmt.Errorf("kiosk mode needs a staff alert, and %s has no alert_command.\n"+
			"A person who says they are thinking of suicide right now must not be left alone, so the kiosk tells the staff at once.\n"+
			"Add a line such as: alert_command: [/usr/local/bin/ketascreen-alert]  (the README's \"Staff alerts\" shows what it receives)", c.File)
	}
	return nil
}
