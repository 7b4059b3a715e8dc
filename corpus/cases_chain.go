package corpus

import "crypto/x509"

// Lint names of rules.md section I.
const (
	chainBlocksClientAuth = "w_xmpp_chain_ca_eku_blocks_client_auth"
	chainExcludesServer   = "e_xmpp_chain_ca_eku_excludes_server_auth"
	chainStrictKUDigSig   = "e_xmpp_strict_ca_ku_missing_digital_signature"
)

func chainCAEKU(ekus ...x509.ExtKeyUsage) func(t *Template) {
	return func(t *Template) { t.X509.ExtKeyUsage = ekus }
}

// chainCases exercise the lints of rules.md section I: the CA certificates
// presented after the leaf. Each case's PEM file holds the leaf followed
// by its intermediates, as a server's fullchain.pem does.
var chainCases = []Case{
	{
		Name:  "chain-ca-server-auth-only",
		About: "the intermediate's EKU is serverAuth only (as Let's Encrypt's Gen Y intermediates): legacy receivers reject the chain with the sslclient purpose at depth 1",
		Base:  ServerBase,
		Chain: []func(t *Template){chainCAEKU(x509.ExtKeyUsageServerAuth)},
		Expect: map[string]Status{
			chainBlocksClientAuth: Warn,
			chainExcludesServer:   Pass,
			chainStrictKUDigSig:   Pass,
		},
	},
	{
		Name:  "chain-ca-client-auth-only",
		About: "the intermediate's EKU is clientAuth only: every sslserver check rejects the chain",
		Base:  ServerBase,
		Chain: []func(t *Template){chainCAEKU(x509.ExtKeyUsageClientAuth)},
		Expect: map[string]Status{
			chainBlocksClientAuth: Pass,
			chainExcludesServer:   Error,
		},
	},
	{
		Name:  "chain-ca-any-eku-only",
		About: "the intermediate's EKU is anyExtendedKeyUsage only: openssl verify rejects it at depth 1 for both sslserver and sslclient",
		Base:  ServerBase,
		Chain: []func(t *Template){chainCAEKU(x509.ExtKeyUsageAny)},
		Expect: map[string]Status{
			chainBlocksClientAuth: Warn,
			chainExcludesServer:   Error,
		},
	},
	{
		Name:  "chain-ca-any-eku-and-server-auth",
		About: "the intermediate's EKU is anyExtendedKeyUsage and serverAuth: sslserver passes, sslclient does not",
		Base:  ServerBase,
		Chain: []func(t *Template){chainCAEKU(x509.ExtKeyUsageAny, x509.ExtKeyUsageServerAuth)},
		Expect: map[string]Status{
			chainBlocksClientAuth: Warn,
			chainExcludesServer:   Pass,
		},
	},
	{
		Name:  "chain-ca-no-eku",
		About: "the intermediate has no EKU extension: OpenSSL's purpose checks pass at depth 1",
		Base:  ServerBase,
		Chain: []func(t *Template){chainCAEKU()},
		Expect: map[string]Status{
			chainBlocksClientAuth: Pass,
			chainExcludesServer:   Pass,
			chainStrictKUDigSig:   Pass,
		},
	},
	{
		Name:  "chain-ca-ku-without-digital-signature",
		About: "the intermediate's keyUsage is keyCertSign and cRLSign only: RFC 6120 13.7.1.1 read to the letter wants digitalSignature",
		Base:  ServerBase,
		Chain: []func(t *Template){func(t *Template) { t.X509.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign }},
		Expect: map[string]Status{
			chainStrictKUDigSig:   Error,
			chainBlocksClientAuth: Pass,
			chainExcludesServer:   Pass,
		},
	},
	{
		Name:  "chain-two-intermediates-outer-server-auth",
		About: "two intermediates, the outer one (depth 2) serverAuth only: OpenSSL checks the purpose at every depth",
		Base:  ServerBase,
		Chain: []func(t *Template){nil, chainCAEKU(x509.ExtKeyUsageServerAuth)},
		Expect: map[string]Status{
			chainBlocksClientAuth: Warn,
			chainExcludesServer:   Pass,
		},
	},
	{
		Name:  "chain-none",
		About: "a server certificate presented without a chain: the chain lints have nothing to look at",
		Base:  ServerBase,
		Expect: map[string]Status{
			chainBlocksClientAuth: NA,
			chainExcludesServer:   NA,
			chainStrictKUDigSig:   NA,
		},
	},
	{
		Name:  "chain-client-leaf",
		About: "a client certificate under a serverAuth-only intermediate: the server-side chain lints do not apply",
		Base:  ClientBase,
		Chain: []func(t *Template){chainCAEKU(x509.ExtKeyUsageServerAuth)},
		Expect: map[string]Status{
			chainBlocksClientAuth: NA,
			chainExcludesServer:   NA,
			chainStrictKUDigSig:   Pass,
		},
	},
	{
		Name:  "chain-scope-c2s",
		About: "a server certificate for c2s only under a serverAuth-only intermediate: no s2s initiation, so clientAuth does not matter",
		Base:  ServerBase,
		Scope: "c2s",
		Chain: []func(t *Template){chainCAEKU(x509.ExtKeyUsageServerAuth)},
		Expect: map[string]Status{
			chainBlocksClientAuth: NA,
			chainExcludesServer:   Pass,
		},
	},
}
