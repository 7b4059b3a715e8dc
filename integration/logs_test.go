//go:build linux

package integration

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"strings"
)

// Outcomes read from a server's log.
const (
	outAccept = "accept"
	outReject = "reject"
	outCrash  = "crash"
)

// link is one s2s connection, named by the initiating and receiving
// domains.
type link struct{ From, To string }

// judgement is what one server did with its peer's certificate on one link:
// as receiver (the initiator's certificate) or as initiator (the
// receiver's certificate).
type judgement struct {
	Outcome string // outAccept, outReject, outCrash
	Detail  string // the server's own words
	// Established: the s2s stream was authenticated end to end.
	Established bool
	// Line is the log line the verdict was read from.
	Line string
}

// serverLog is what a server's log says about each link, per role.
type serverLog struct {
	AsReceiver  map[link]judgement
	AsInitiator map[link]judgement
}

func newServerLog() serverLog {
	return serverLog{AsReceiver: map[link]judgement{}, AsInitiator: map[link]judgement{}}
}

// Prosody 0.12 log lines: "Mon DD HH:MM:SS source\tlevel\tmessage"; s2s
// session sources are s2sin<hex> and s2sout<hex>.
var (
	prosodyLine      = regexp.MustCompile(`^\w{3} [ \d]\d \d\d:\d\d:\d\d (s2s(?:in|out)[0-9a-f]+)\t(\w+)\t(.*)$`)
	prosodyComplete  = regexp.MustCompile(`^(?:Incoming|Outgoing) s2s connection (\S+)->(\S+) complete$`)
	prosodyClosed    = regexp.MustCompile(`^(?:Incoming|Outgoing) s2s stream (\S+)->(\S+) closed: (.*)$`)
	prosodyForbid    = regexp.MustCompile(`^Forbidding insecure connection to/from \S+ because its certificate (.*)$`)
	prosodyChainErr  = regexp.MustCompile(`^certificate error\(s\) at depth (\d+): (.*)$`)
	prosodyChainOK   = "certificate chain validation result: valid"
	prosodyIdentity  = regexp.MustCompile(`^certificate identity validation result: (\w+)$`)
	prosodyDestroyed = regexp.MustCompile(`^Destroying (?:incoming|outgoing) session (\S+)->(\S+)`)
)

// parseProsody reads Prosody's debug log. Per session it gathers the
// certificate checks (chain, identity, the s2s_secure_auth refusal) and
// files them under the link when the session names it (complete or closed).
// Prosody's verdict on the peer's certificate is accept when chain and
// identity are valid, reject when it forbids the connection.
func parseProsody(path string) (serverLog, error) {
	out := newServerLog()
	data, err := os.ReadFile(path)
	if err != nil {
		return out, err
	}
	type pending struct {
		chainOK, identityOK bool
		forbid              string
		chainErrs           []string
		// decisive is the line of the refusal, else of the identity result.
		decisive string
	}
	sessions := map[string]*pending{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := prosodyLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		id, msg, raw := m[1], m[3], sc.Text()
		p := sessions[id]
		if p == nil {
			p = &pending{}
			sessions[id] = p
		}
		receiver := strings.HasPrefix(id, "s2sin")
		table := out.AsInitiator
		if receiver {
			table = out.AsReceiver
		}
		file := func(l link, established bool, closedWhy string) {
			j, seen := table[l]
			if seen && j.Established {
				return // a close after completion changes nothing
			}
			switch {
			case p.forbid != "":
				j = judgement{Outcome: outReject, Detail: "certificate " + p.forbid}
				if len(p.chainErrs) > 0 {
					j.Detail += " (" + strings.Join(p.chainErrs, "; ") + ")"
				}
			case p.chainOK && p.identityOK:
				j = judgement{Outcome: outAccept, Detail: "chain and identity valid"}
			case established:
				j = judgement{Outcome: outAccept, Detail: "stream authenticated"}
			default:
				j = judgement{Detail: "closed before a verdict: " + closedWhy}
			}
			j.Established = established
			j.Line = p.decisive
			if j.Line == "" {
				j.Line = raw
			}
			if !established && closedWhy != "" && j.Outcome == outAccept {
				j.Detail += "; stream then closed: " + closedWhy
			}
			table[l] = j
		}
		switch {
		case msg == prosodyChainOK:
			p.chainOK = true
		case prosodyChainErr.MatchString(msg):
			e := prosodyChainErr.FindStringSubmatch(msg)
			p.chainErrs = append(p.chainErrs, "depth "+e[1]+": "+e[2])
		case prosodyIdentity.MatchString(msg):
			p.identityOK = prosodyIdentity.FindStringSubmatch(msg)[1] == "valid"
			if p.forbid == "" {
				p.decisive = raw
			}
		case prosodyForbid.MatchString(msg):
			p.forbid = prosodyForbid.FindStringSubmatch(msg)[1]
			p.decisive = raw
		case prosodyComplete.MatchString(msg):
			e := prosodyComplete.FindStringSubmatch(msg)
			file(link{e[1], e[2]}, true, "")
		case prosodyClosed.MatchString(msg):
			e := prosodyClosed.FindStringSubmatch(msg)
			file(link{e[1], e[2]}, false, e[3])
			delete(sessions, id) // the id may be reused by a later session
		case prosodyDestroyed.MatchString(msg):
			delete(sessions, id)
		}
	}
	return out, sc.Err()
}

// ejabberd 23.01 log lines start with an ISO timestamp; an entry may span
// several lines.
var (
	ejabberdEntry     = regexp.MustCompile(`^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d`)
	ejabberdPid       = regexp.MustCompile(`<\d+\.\d+\.\d+>`)
	ejabberdInOK      = regexp.MustCompile(`Accepted inbound s2s EXTERNAL authentication (\S+) -> (\S+) `)
	ejabberdInFail    = regexp.MustCompile(`Failed inbound s2s EXTERNAL authentication (\S+) -> (\S+) \([^)]*\): (.*)$`)
	ejabberdOutOK     = regexp.MustCompile(`Accepted outbound s2s EXTERNAL authentication (\S+) -> (\S+) `)
	ejabberdOutStart  = regexp.MustCompile(`Outbound s2s connection started: (\S+) -> (\S+)$`)
	ejabberdOutFail   = regexp.MustCompile(`Failed to establish outbound s2s connection (\S+) -> (\S+): (.*?)(?:; bouncing for \d+ seconds)?$`)
	ejabberdInHeader  = regexp.MustCompile(`\((?:tcp|tls)\|(<[\d.]+>)\) Received XML on stream = <<"<\?xml version='1.0'\?><stream:stream `)
	ejabberdAttrFrom  = regexp.MustCompile(` from='([^']*)'`)
	ejabberdAttrTo    = regexp.MustCompile(` to='([^']*)'`)
	ejabberdSentAuth  = regexp.MustCompile(`\(tls\|(<[\d.]+>)\) Send XML on stream = <<"<auth mechanism='EXTERNAL'`)
	ejabberdTerminate = regexp.MustCompile(`\*\* Generic server (<[\d.]+>) terminating`)
)

// parseEjabberd reads ejabberd's log. Receiver verdicts come from the
// inbound EXTERNAL authentication lines, initiator verdicts from the
// outbound ones ("Peer certificate rejected" is ejabberd's own refusal; an
// <auth/> sent means ejabberd accepted the peer's certificate). A process
// that crashed in the certificate check (ejabberdCrash) is filed under the
// link its state names, else the one its stream header or start line
// names. The stream XML (stream headers, <auth/> sent) is logged at
// loglevel debug only, as in the 23.01 excerpt of testdata; the test now
// runs ejabberd at info, where the authentication lines and the crash
// reports suffice.
func parseEjabberd(path string) (serverLog, error) {
	out := newServerLog()
	data, err := os.ReadFile(path)
	if err != nil {
		return out, err
	}
	// Split into entries.
	var entries []string
	for _, line := range strings.Split(string(data), "\n") {
		if ejabberdEntry.MatchString(line) || len(entries) == 0 {
			entries = append(entries, line)
		} else {
			entries[len(entries)-1] += "\n" + line
		}
	}
	inbound := map[string]link{}  // pid -> link of an s2s_in process
	outbound := map[string]link{} // pid -> link of an s2s_out process
	sentAuth := map[string]bool{}
	crashed := map[string]crash{}
	for _, e := range entries {
		first, _, _ := strings.Cut(e, "\n")
		switch {
		case ejabberdInOK.MatchString(first):
			m := ejabberdInOK.FindStringSubmatch(first)
			out.AsReceiver[link{m[1], m[2]}] = judgement{Outcome: outAccept, Detail: "inbound EXTERNAL authentication accepted", Established: true, Line: first}
		case ejabberdInFail.MatchString(first):
			m := ejabberdInFail.FindStringSubmatch(first)
			out.AsReceiver[link{m[1], m[2]}] = judgement{Outcome: outReject, Detail: m[3], Line: first}
		case ejabberdOutOK.MatchString(first):
			m := ejabberdOutOK.FindStringSubmatch(first)
			out.AsInitiator[link{m[1], m[2]}] = judgement{Outcome: outAccept, Detail: "outbound EXTERNAL authentication accepted", Established: true, Line: first}
		case ejabberdOutStart.MatchString(first):
			m := ejabberdOutStart.FindStringSubmatch(first)
			if pid := ejabberdPid.FindString(first); pid != "" {
				outbound[pid] = link{m[1], m[2]}
			}
		case ejabberdOutFail.MatchString(first):
			m := ejabberdOutFail.FindStringSubmatch(first)
			l := link{m[1], m[2]}
			if j, ok := out.AsInitiator[l]; ok && j.Established {
				break
			}
			pid := ejabberdPid.FindString(first)
			switch {
			case strings.HasPrefix(m[3], "Peer certificate rejected: "):
				out.AsInitiator[l] = judgement{Outcome: outReject, Detail: strings.TrimPrefix(m[3], "Peer certificate rejected: "), Line: first}
			case sentAuth[pid]:
				out.AsInitiator[l] = judgement{Outcome: outAccept, Detail: "peer certificate accepted (authentication sent); then " + m[3], Line: first}
			default:
				out.AsInitiator[l] = judgement{Detail: "no verdict: " + m[3], Line: first}
			}
		case ejabberdInHeader.MatchString(first):
			pid := ejabberdInHeader.FindStringSubmatch(first)[1]
			if _, isOut := outbound[pid]; isOut {
				break
			}
			f, t := ejabberdAttrFrom.FindStringSubmatch(first), ejabberdAttrTo.FindStringSubmatch(first)
			if f != nil && t != nil {
				inbound[pid] = link{f[1], t[1]}
			}
		case ejabberdSentAuth.MatchString(first):
			sentAuth[ejabberdSentAuth.FindStringSubmatch(first)[1]] = true
		case ejabberdTerminate.MatchString(first):
			pid := ejabberdTerminate.FindStringSubmatch(first)[1]
			if c, ok := ejabberdCrash(e); ok {
				c.line = first
				if m := crashHead.FindString(e); m != "" {
					c.line += " " + strings.Join(strings.Fields(m), " ")
				}
				crashed[pid] = c
			}
		}
	}
	for pid, c := range crashed {
		j := judgement{Outcome: outCrash, Detail: c.why, Line: c.line}
		switch {
		case c.l != (link{}) && c.out:
			out.AsInitiator[c.l] = j
		case c.l != (link{}):
			out.AsReceiver[c.l] = j
		default:
			if l, ok := outbound[pid]; ok {
				out.AsInitiator[l] = j
			} else if l, ok := inbound[pid]; ok {
				out.AsReceiver[l] = j
			}
		}
	}
	return out, nil
}

var (
	crashFrame = regexp.MustCompile(`\{xmpp_stream_pkix,(\w+),(\d+),`)
	crashHead  = regexp.MustCompile(`\*\* Reason for termination ==\s*\n\*\* \{+([a-z_]+)(?:,([a-z_]+)\})?`)
	// The s2s process's state in a termination report.
	stateMod       = regexp.MustCompile(`\bmod => (ejabberd_s2s_in|ejabberd_s2s_out)\b`)
	stateServer    = regexp.MustCompile(`[\s{,]server => <<"([^"]+)">>`)
	stateRemote    = regexp.MustCompile(`\bremote_server => <<"([^"]+)">>`)
	stateMidStream = regexp.MustCompile(`stream_encrypted => true`)
	stateAuthed    = regexp.MustCompile(`stream_authenticated => true`)
)

// crash is an s2s process that terminated in its certificate check.
type crash struct {
	why, line string
	// l is the link read from the process's state (zero when the report
	// shows none); out says the process was the initiator.
	l   link
	out bool
}

// ejabberdCrash says whether a termination report is a crash of an s2s
// process's certificate check: 23.01 and 24.12 report the error with a
// stack through xmpp_stream_pkix; 26.07 reports {bad_return_value,badarg}
// without a stack, from an s2s process on an encrypted stream that is not
// yet authenticated (the certificate check is what runs there).
func ejabberdCrash(entry string) (crash, bool) {
	c := crash{why: crashReason(entry)}
	mod := stateMod.FindStringSubmatch(entry)
	srv, rem := stateServer.FindStringSubmatch(entry), stateRemote.FindStringSubmatch(entry)
	if mod != nil && srv != nil && rem != nil {
		c.out = mod[1] == "ejabberd_s2s_out"
		if c.out {
			c.l = link{srv[1], rem[1]}
		} else {
			c.l = link{rem[1], srv[1]}
		}
	}
	switch {
	case strings.Contains(entry, "xmpp_stream_pkix"):
		return c, true
	case strings.Contains(entry, "** {bad_return_value,badarg}") && mod != nil &&
		stateMidStream.MatchString(entry) && !stateAuthed.MatchString(entry):
		c.why += " (no stack: an s2s process on an encrypted stream, before authentication)"
		return c, true
	}
	return c, false
}

// crashReason summarises an Erlang termination report: the error and the
// xmpp_stream_pkix function it happened in.
func crashReason(entry string) string {
	why := "crash"
	if m := crashHead.FindStringSubmatch(entry); m != nil {
		why = m[1]
		if m[2] != "" {
			why += " " + m[2]
		}
	}
	if m := crashFrame.FindStringSubmatch(entry); m != nil {
		why += " in xmpp_stream_pkix:" + m[1] + "/" + m[2]
	}
	return "process crashed: " + why
}
