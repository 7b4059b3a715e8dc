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
	srvs, rcode, err := exchangeSRV(port, name)
	if err != nil {
		return dnsmessage.SRVResource{}, err
	}
	if rcode != dnsmessage.RCodeSuccess || len(srvs) != 1 {
		return dnsmessage.SRVResource{}, fmt.Errorf("%s: %v, %d answers", name, rcode, len(srvs))
	}
	return srvs[0], nil
}

// exchangeSRV asks the server at port for name's SRV records.
func exchangeSRV(port int, name string) ([]dnsmessage.SRVResource, dnsmessage.RCode, error) {
	q := dnsmessage.Message{Header: dnsmessage.Header{ID: 7, RecursionDesired: true},
		Questions: []dnsmessage.Question{{Name: dnsmessage.MustNewName(name), Type: dnsmessage.TypeSRV, Class: dnsmessage.ClassINET}}}
	req, err := q.Pack()
	if err != nil {
		return nil, 0, err
	}
	c, err := net.Dial("udp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, 0, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write(req); err != nil {
		return nil, 0, err
	}
	buf := make([]byte, 1500)
	n, err := c.Read(buf)
	if err != nil {
		return nil, 0, err
	}
	var resp dnsmessage.Message
	if err := resp.Unpack(buf[:n]); err != nil {
		return nil, 0, err
	}
	if resp.ID != 7 {
		return nil, 0, fmt.Errorf("response %+v", resp)
	}
	var srvs []dnsmessage.SRVResource
	for _, a := range resp.Answers {
		body, ok := a.Body.(*dnsmessage.SRVResource)
		if !ok {
			return nil, 0, fmt.Errorf("answer %+v is not SRV", a)
		}
		srvs = append(srvs, *body)
	}
	return srvs, resp.RCode, nil
}

// srvResolver is the test DNS server as a live.Resolver. Go's own resolver
// will not do: it rejects the SRV targets the server gives (the address
// written as a name, which the XMPP servers need).
type srvResolver int

func (port srvResolver) LookupSRV(_ context.Context, service, proto, name string) (string, []*net.SRV, error) {
	q := "_" + service + "._" + proto + "." + name + "."
	srvs, rcode, err := exchangeSRV(int(port), q)
	if err != nil {
		return "", nil, err
	}
	if rcode == dnsmessage.RCodeNameError {
		return "", nil, &net.DNSError{Err: "no such host", Name: q, IsNotFound: true}
	}
	var out []*net.SRV
	for _, s := range srvs {
		out = append(out, &net.SRV{Target: s.Target.String(), Port: s.Port, Priority: s.Priority, Weight: s.Weight})
	}
	return q, out, nil
}
