package headless

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"ketascreen/kiosk"
)

// KioskPIN sets the kiosk's staff PIN: it reads the new PIN twice (hidden,
// from the terminal; or two lines of standard input when that is not a
// terminal), and writes only its argon2id hash into the config file, creating
// the file when there is none.
func KioskPIN(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kiosk-pin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "", "kiosk config `FILE` (default: the kiosk's config as --kiosk finds it, else the user config folder's ketascreen/kiosk.yaml)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ketascreen kiosk-pin [--config FILE]")
		fmt.Fprintf(stderr, "Sets the staff PIN (%d to %d digits) of the waiting-room kiosk.\n", kiosk.MinPINLength, kiosk.MaxPINLength)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return ExitInput
	}
	if *path == "" {
		*path = kiosk.Find()
	}
	if *path == "" {
		p, err := kiosk.DefaultPath()
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitInput
		}
		*path = p
	}
	first, second, err := readPINTwice(stdin, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	pin, err := kiosk.ReadNewPIN(first, second)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	hash, err := kiosk.HashPIN(pin)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	if err := kiosk.SavePINHash(*path, hash); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	fmt.Fprintf(stdout, "The staff PIN is set in %s.\n", *path)
	return ExitOK
}

func readPINTwice(stdin io.Reader, prompts io.Writer) (string, string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		read := func(prompt string) (string, error) {
			fmt.Fprint(prompts, prompt)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(prompts)
			return string(b), err
		}
		first, err := read("New staff PIN: ")
		if err != nil {
			return "", "", err
		}
		second, err := read("The same PIN again: ")
		return first, second, err
	}
	lines := bufio.NewScanner(stdin)
	var got []string
	for len(got) < 2 && lines.Scan() {
		got = append(got, lines.Text())
	}
	if len(got) < 2 {
		return "", "", fmt.Errorf("expected the new PIN twice, on two lines of standard input")
	}
	return got[0], got[1], nil
}
