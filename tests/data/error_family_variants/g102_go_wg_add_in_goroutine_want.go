// want: GO-WAITGROUP-ADD-IN-GOROUTINE
package index

import "sync"

func (b *Builder) BuildAll(docs []Doc) {
	var wg sync.WaitGroup
	for _, d := range docs {
		go func() {
			wg.Add(1)
			defer wg.Done()
			b.index(d)
		}()
	}
	wg.Wait()
}
