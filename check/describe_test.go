package check

import (
	"math/rand"
	"sync"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509/pkix"
)

// TestTimestamp: timestamp writes what Format writes, for instants across
// the range certificates use (UTCTime and GeneralizedTime) and beyond,
// in other zones too.
func TestTimestamp(t *testing.T) {
	zone := time.FixedZone("x", -7*3600-30*60)
	rng := rand.New(rand.NewSource(1))
	cases := []time.Time{
		{},
		time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2049, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 11, 0, 30, 0, 0, zone),
	}
	for i := 0; i < 10000; i++ {
		cases = append(cases, time.Unix(rng.Int63n(400*365*86400)-100*365*86400, rng.Int63n(1e9)).In(zone))
	}
	for _, c := range cases {
		if got, want := timestamp(c), c.UTC().Format("2006-01-02T15:04:05Z"); got != want {
			t.Errorf("timestamp(%v) = %s, want %s", c, got, want)
		}
	}
}

// TestNameCache: the cache gives the names' own strings, whether cached,
// not to be cached, or past its bound, from concurrent workers.
func TestNameCache(t *testing.T) {
	nc := &nameCache{m: map[string]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < maxCachedNames+500; i++ {
				n := pkix.Name{CommonName: "CA " + string(rune('a'+i%26)) + string(rune('0'+i%10)), Organization: []string{time.Duration(i).String()}}
				raw := []byte(n.String()) // any bytes unique to the name will do
				if got := nc.get(raw, &n, i%3 != 0); got != n.String() {
					t.Errorf("get(%q) = %q", raw, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(nc.m) > maxCachedNames {
		t.Errorf("cache holds %d names, bound %d", len(nc.m), maxCachedNames)
	}
}
