// clean: GO-GLOBAL-MAP-UNLOCKED
package cache

import "sync"

var compiled sync.Map

func Pattern(expr string) (*Matcher, error) {
	if m, ok := compiled.Load(expr); ok {
		return m.(*Matcher), nil
	}
	m, err := compile(expr)
	if err != nil {
		return nil, err
	}
	actual, _ := compiled.LoadOrStore(expr, m)
	return actual.(*Matcher), nil
}
