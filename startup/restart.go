package startup

import (
	"os"
	"strings"
)

// environWith is this process's environment with each KEY=value of env set,
// replacing any value the variable had (a program reads the first one).
func environWith(env []string) []string {
	out := make([]string, 0, len(os.Environ())+len(env))
	for _, kv := range os.Environ() {
		replaced := false
		for _, set := range env {
			key, _, _ := strings.Cut(set, "=")
			if strings.HasPrefix(kv, key+"=") {
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, kv)
		}
	}
	return append(out, env...)
}
