package records

import "syscall"

func errNoSpace() error { return syscall.ENOSPC }
