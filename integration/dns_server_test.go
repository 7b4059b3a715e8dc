//go:build linux

package integration

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"testing"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// TestDNSServer checks the test resolver with Go's own DNS client.
func TestDNSServer(t *testing.T) {
	t.Parallel()
	s, err := startDNS()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	s.add("Prosody.Example", 5999)
	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port())))
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Go's resolver refuses an all-numeric target name, which the servers
	// take as an IP literal: ask for the SRV record by hand.
	if srv, err := querySRV(s.port(), "_xmpp-server._tcp.prosody.example."); err != nil || srv.Target.String() != "127.0.0.1." || srv.Port != 5999 {
		t.Errorf("SRV = %+v, %v", srv, err)
	}
	addrs, err := r.LookupHost(ctx, "prosody.example")
	if err != nil || len(addrs) != 1 || addrs[0] != "127.0.0.1" {
		t.Errorf("A = %v, %v", addrs, err)
	}
	var dnsErr *net.DNSError
	if _, err := r.LookupHost(ctx, "other.example"); !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Errorf("unknown name: %v, want not found", err)
	}
	if _, _, err := r.LookupSRV(ctx, "xmpps-server", "tcp", "prosody.example"); !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Errorf("_xmpps-server: %v, want not found", err)
	}
	if len(s.log()) == 0 {
		t.Error("no query logged")
	}
}

func querySRV(port int, name string) (dnsmessage.SRVResource, error) {
	var srv dnsmessage.SRVResource
	q := dnsmessage.Message{Header: dnsmessage.Header{ID: 7, RecursionDesired: true},
		Questions: []dnsmessage.Question{{Name: dnsmessage.MustNewName(name), Type: dnsmessage.TypeSRV, Class: dnsmessage.ClassINET}}}
	req, err := q.Pack()
	if err != nil {
		return srv, err
	}
	c, err := net.Dial("udp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return srv, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write(req); err != nil {
		return srv, err
	}
	buf := make([]byte, 1500)
	n, err := c.Read(buf)
	if err != nil {
		return srv, err
	}
	var resp dnsmessage.Message
	if err := resp.Unpack(buf[:n]); err != nil {
		return srv, err
	}
	if resp.ID != 7 || len(resp.Answers) != 1 {
		return srv, fmt.Errorf("response %+v", resp)
	}
	body, ok := resp.Answers[0].Body.(*dnsmessage.SRVResource)
	if !ok {
		return srv, fmt.Errorf("answer %+v is not SRV", resp.Answers[0])
	}
	return *body, nil
}
