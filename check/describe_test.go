package check

import (
	"math/rand"
	"testing"
	"time"
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
