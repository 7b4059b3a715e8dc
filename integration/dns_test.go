//go:build linux

package integration

import (
	"net"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/dns/dnsmessage"
)

// dnsServer answers the servers' s2s look-ups on loopback, so that no query
// leaves the machine and no system file is changed: for each test domain an
// SRV record _xmpp-server._tcp.<domain> pointing at the s2s port of the
// server that hosts it, with target "127.0.0.1." (an IP literal, which the
// servers connect to without a further look-up), an A record 127.0.0.1 for
// the domain itself, no AAAA record, and NXDOMAIN for every other name (e.g.
// _xmpps-server._tcp, which both servers ask too).
type dnsServer struct {
	conn *net.UDPConn
	mu   sync.Mutex
	// ports maps a lower-case domain (no final dot) to its s2s port.
	ports   map[string]int
	queries []string
	done    chan struct{}
}

func startDNS() (*dnsServer, error) {
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, err
	}
	s := &dnsServer{conn: conn, ports: map[string]int{}, done: make(chan struct{})}
	go s.serve()
	return s, nil
}

func (s *dnsServer) port() int { return s.conn.LocalAddr().(*net.UDPAddr).Port }

func (s *dnsServer) add(domain string, port int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ports[strings.ToLower(domain)] = port
}

func (s *dnsServer) close() {
	s.conn.Close()
	<-s.done
}

// log returns the queries seen, as "TYPE name" lines.
func (s *dnsServer) log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

func (s *dnsServer) serve() {
	defer close(s.done)
	buf := make([]byte, 4096)
	for {
		n, addr, err := s.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		resp, ok := s.answer(buf[:n])
		if !ok {
			continue
		}
		s.conn.SetWriteDeadline(time.Now().Add(time.Second))
		s.conn.WriteToUDP(resp, addr)
	}
}

func (s *dnsServer) answer(req []byte) ([]byte, bool) {
	var p dnsmessage.Parser
	h, err := p.Start(req)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	name := strings.ToLower(strings.TrimSuffix(q.Name.String(), "."))
	s.mu.Lock()
	s.queries = append(s.queries, q.Type.String()+" "+name)
	s.mu.Unlock()

	rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired, RecursionAvailable: true}
	b := dnsmessage.NewBuilder(make([]byte, 0, 512), rh)
	b.EnableCompression()
	hdr := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 5}

	s.mu.Lock()
	_, port, known := s.lookup(name)
	s.mu.Unlock()
	if !known {
		rh.RCode = dnsmessage.RCodeNameError
		b = dnsmessage.NewBuilder(make([]byte, 0, 512), rh)
	}
	if err := b.StartQuestions(); err != nil {
		return nil, false
	}
	if err := b.Question(q); err != nil {
		return nil, false
	}
	if err := b.StartAnswers(); err != nil {
		return nil, false
	}
	if known {
		switch q.Type {
		case dnsmessage.TypeSRV:
			// The target is the address written as a name: both servers
			// then skip the address look-up (ejabberd does it with the
			// system's getaddrinfo, which would ask the system resolver).
			target, err := dnsmessage.NewName("127.0.0.1.")
			if err != nil {
				return nil, false
			}
			err = b.SRVResource(hdr, dnsmessage.SRVResource{Priority: 0, Weight: 0, Port: uint16(port), Target: target})
			if err != nil {
				return nil, false
			}
		case dnsmessage.TypeA:
			if err := b.AResource(hdr, dnsmessage.AResource{A: [4]byte{127, 0, 0, 1}}); err != nil {
				return nil, false
			}
		}
	}
	out, err := b.Finish()
	if err != nil {
		return nil, false
	}
	return out, true
}

// lookup says whether name exists; for an SRV name it returns the domain and
// port. The answer holds a record only for SRV (SRV names) and A (domains):
// other types get NOERROR with no record.
func (s *dnsServer) lookup(name string) (string, int, bool) {
	if rest, ok := strings.CutPrefix(name, "_xmpp-server._tcp."); ok {
		port, ok := s.ports[rest]
		return rest, port, ok
	}
	_, ok := s.ports[name]
	return name, 0, ok || name == "127.0.0.1"
}
