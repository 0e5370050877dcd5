#!/usr/bin/env bash
# Prints the Debian copyright file (machine-readable format 1.0) of the
# package: KetaScreen's own licence, the fonts it embeds, the validated
# instruments' attributions, and every Go module built into the binary with
# the licence packaging/linux/go-licences.tsv gives it and the module's own
# licence text. Stops when a module built in has no licence there.
set -euo pipefail
cd "$(dirname "$0")/.."

table=packaging/linux/go-licences.tsv

# as_field indents a text as the continuation lines of a field: a space
# before each line and a dot for each empty one.
as_field() { sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /'; }

cat <<'HEAD'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: KetaScreen
Upstream-Contact: KetaScreen <maintainers@ketascreen.invalid>
Comment: The binary is built from the KetaScreen sources with the Go
 standard library and the Go modules listed below, all linked in.
 .
 The questionnaire reproduces validated instruments in their published
 wording, with these attributions:
 .
 PHQ-9 and GAD-7: Developed by Drs. Robert L. Spitzer, Janet B.W. Williams,
 Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No
 permission required to reproduce, translate, display or distribute.
 .
 PC-PTSD-5: Prins A, Bovin MJ, Kimerling R, Kaloupek DG, Marx BP, Pless
 Kaiser A, Schnurr PP. Primary Care PTSD Screen for DSM-5 (PC-PTSD-5)
 [Measurement instrument], 2015. U.S. Department of Veterans Affairs,
 National Center for PTSD.
 .
 ASQ: Ask Suicide-Screening Questions (ASQ), National Institute of Mental
 Health.

Files: *
Copyright: 2026 The KetaScreen authors
License: Apache-2.0

Files: assets/fonts/*
HEAD
# The fonts' own licence file: its Copyright lines, then its licence's text.
sed -n '/^Copyright:/,/^License:/p' assets/fonts/LICENSE | sed -e '$d' -e 's/[[:space:]]*$//' -e '2,$s/^/ /'
printf 'License: bitstream-vera\n'
sed -n '/^License:/,$p' assets/fonts/LICENSE | sed 1d | as_field

printf '\nFiles: go/*\nCopyright: The Go Authors\nLicense: BSD-3-clause\n'
as_field < "$(go env GOROOT)/LICENSE"

missing=0
while read -r path version dir; do
  [ "$path" = ketascreen ] && continue
  rows=$(awk -F'\t' -v m="$path" '$1 == m' "$table")
  if [ -z "$rows" ]; then
    echo "deb-copyright: the Go module $path is built in but has no licence in $table: read its licence and add it" >&2
    missing=1
    continue
  fi
  while IFS=$'\t' read -r _ licence file; do
    if [ -n "$file" ]; then
      text="$dir/$file"
      files="go-modules/$path/${file%/*}/*"
    else
      text=$(ls "$dir"/LICEN[CS]E* "$dir"/License* "$dir"/COPYING* 2>/dev/null | head -n1 || true)
      files="go-modules/$path/*"
    fi
    if [ ! -f "$text" ]; then
      echo "deb-copyright: no licence text for $path $version in $dir" >&2
      missing=1
      continue
    fi
    holders=$(grep -m5 -E '^[[:space:]]*Copyright' "$text" | sed -e 's/^[[:space:]]*Copyright:\{0,1\}[[:space:]]*//' -e 's/[[:space:]]*$//' || true)
    [ -n "$holders" ] || holders="the authors of $path"
    printf '\nFiles: %s\nCopyright: %s\n' "$files" "$(printf '%s\n' "$holders" | sed '2,$s/^/ /')"
    printf 'Comment: %s %s\n' "$path" "$version"
    if [ "$licence" = Apache-2.0 ]; then
      printf 'License: Apache-2.0\n' # the full text is the paragraph at the end
    else
      printf 'License: %s\n' "$licence"
      as_field < "$text"
    fi
  done <<< "$rows"
done < <(go list -tags accessibility,no_animations -deps -f '{{if .Module}}{{.Module.Path}} {{.Module.Version}} {{.Module.Dir}}{{end}}' . | sort -u)
[ "$missing" = 0 ] || exit 1

cat <<'TAIL'

License: Apache-2.0
 On Debian systems, the complete text of the Apache License, Version 2.0,
 can be found in /usr/share/common-licenses/Apache-2.0.
TAIL
