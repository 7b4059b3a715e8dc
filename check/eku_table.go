// The table below is zcrypto's ekuConstants (x509/extended_key_usage.go),
// which its parse maps EKU OIDs with, rewritten line for line with the
// exported names; TestEKUTable checks every entry against zcrypto's parse.

package check

import "github.com/zmap/zcrypto/x509"

// ekuByOID maps an EKU OID, in dotted form, to zcrypto's ExtKeyUsage, as
// zcrypto's certificate parse does; an OID not in it is an unknown EKU.
var ekuByOID = map[string]x509.ExtKeyUsage{
	x509.OID_EKU_APPLE_CODE_SIGNING:                 x509.ExtKeyUsageAppleCodeSigning,
	x509.OID_EKU_APPLE_CODE_SIGNING_DEVELOPMENT:     x509.ExtKeyUsageAppleCodeSigningDevelopment,
	x509.OID_EKU_APPLE_SOFTWARE_UPDATE_SIGNING:      x509.ExtKeyUsageAppleSoftwareUpdateSigning,
	x509.OID_EKU_APPLE_CODE_SIGNING_THIRD_PARTY:     x509.ExtKeyUsageAppleCodeSigningThirdParty,
	x509.OID_EKU_APPLE_RESOURCE_SIGNING:             x509.ExtKeyUsageAppleResourceSigning,
	x509.OID_EKU_APPLE_ICHAT_SIGNING:                x509.ExtKeyUsageAppleIchatSigning,
	x509.OID_EKU_APPLE_ICHAT_ENCRYPTION:             x509.ExtKeyUsageAppleIchatEncryption,
	x509.OID_EKU_APPLE_SYSTEM_IDENTITY:              x509.ExtKeyUsageAppleSystemIdentity,
	x509.OID_EKU_APPLE_CRYPTO_ENV:                   x509.ExtKeyUsageAppleCryptoEnv,
	x509.OID_EKU_APPLE_CRYPTO_PRODUCTION_ENV:        x509.ExtKeyUsageAppleCryptoProductionEnv,
	x509.OID_EKU_APPLE_CRYPTO_MAINTENANCE_ENV:       x509.ExtKeyUsageAppleCryptoMaintenanceEnv,
	x509.OID_EKU_APPLE_CRYPTO_TEST_ENV:              x509.ExtKeyUsageAppleCryptoTestEnv,
	x509.OID_EKU_APPLE_CRYPTO_DEVELOPMENT_ENV:       x509.ExtKeyUsageAppleCryptoDevelopmentEnv,
	x509.OID_EKU_APPLE_CRYPTO_QOS:                   x509.ExtKeyUsageAppleCryptoQos,
	x509.OID_EKU_APPLE_CRYPTO_TIER0_QOS:             x509.ExtKeyUsageAppleCryptoTier0Qos,
	x509.OID_EKU_APPLE_CRYPTO_TIER1_QOS:             x509.ExtKeyUsageAppleCryptoTier1Qos,
	x509.OID_EKU_APPLE_CRYPTO_TIER2_QOS:             x509.ExtKeyUsageAppleCryptoTier2Qos,
	x509.OID_EKU_APPLE_CRYPTO_TIER3_QOS:             x509.ExtKeyUsageAppleCryptoTier3Qos,
	x509.OID_EKU_ADOBE_AUTHENTIC_DOCUMENT_TRUST:     x509.ExtKeyUsageAdobeAuthenticDocumentTrust,
	x509.OID_EKU_MICROSOFT_CERT_TRUST_LIST_SIGNING:  x509.ExtKeyUsageMicrosoftCertTrustListSigning,
	x509.OID_EKU_MICROSOFT_QUALIFIED_SUBORDINATE:    x509.ExtKeyUsageMicrosoftQualifiedSubordinate,
	x509.OID_EKU_MICROSOFT_KEY_RECOVERY_3:           x509.ExtKeyUsageMicrosoftKeyRecovery3,
	x509.OID_EKU_MICROSOFT_DOCUMENT_SIGNING:         x509.ExtKeyUsageMicrosoftDocumentSigning,
	x509.OID_EKU_MICROSOFT_LIFETIME_SIGNING:         x509.ExtKeyUsageMicrosoftLifetimeSigning,
	x509.OID_EKU_MICROSOFT_MOBILE_DEVICE_SOFTWARE:   x509.ExtKeyUsageMicrosoftMobileDeviceSoftware,
	x509.OID_EKU_MICROSOFT_SMART_DISPLAY:            x509.ExtKeyUsageMicrosoftSmartDisplay,
	x509.OID_EKU_MICROSOFT_CSP_SIGNATURE:            x509.ExtKeyUsageMicrosoftCspSignature,
	x509.OID_EKU_MICROSOFT_TIMESTAMP_SIGNING:        x509.ExtKeyUsageMicrosoftTimestampSigning,
	x509.OID_EKU_MICROSOFT_SERVER_GATED_CRYPTO:      x509.ExtKeyUsageMicrosoftServerGatedCrypto,
	x509.OID_EKU_MICROSOFT_SGC_SERIALIZED:           x509.ExtKeyUsageMicrosoftSgcSerialized,
	x509.OID_EKU_MICROSOFT_ENCRYPTED_FILE_SYSTEM:    x509.ExtKeyUsageMicrosoftEncryptedFileSystem,
	x509.OID_EKU_MICROSOFT_EFS_RECOVERY:             x509.ExtKeyUsageMicrosoftEfsRecovery,
	x509.OID_EKU_MICROSOFT_WHQL_CRYPTO:              x509.ExtKeyUsageMicrosoftWhqlCrypto,
	x509.OID_EKU_MICROSOFT_NT5_CRYPTO:               x509.ExtKeyUsageMicrosoftNt5Crypto,
	x509.OID_EKU_MICROSOFT_OEM_WHQL_CRYPTO:          x509.ExtKeyUsageMicrosoftOemWhqlCrypto,
	x509.OID_EKU_MICROSOFT_EMBEDDED_NT_CRYPTO:       x509.ExtKeyUsageMicrosoftEmbeddedNtCrypto,
	x509.OID_EKU_MICROSOFT_ROOT_LIST_SIGNER:         x509.ExtKeyUsageMicrosoftRootListSigner,
	x509.OID_EKU_MICROSOFT_DRM:                      x509.ExtKeyUsageMicrosoftDrm,
	x509.OID_EKU_MICROSOFT_DRM_INDIVIDUALIZATION:    x509.ExtKeyUsageMicrosoftDrmIndividualization,
	x509.OID_EKU_MICROSOFT_LICENSES:                 x509.ExtKeyUsageMicrosoftLicenses,
	x509.OID_EKU_MICROSOFT_LICENSE_SERVER:           x509.ExtKeyUsageMicrosoftLicenseServer,
	x509.OID_EKU_MICROSOFT_ENROLLMENT_AGENT:         x509.ExtKeyUsageMicrosoftEnrollmentAgent,
	x509.OID_EKU_MICROSOFT_SMARTCARD_LOGON:          x509.ExtKeyUsageMicrosoftSmartcardLogon,
	x509.OID_EKU_MICROSOFT_CA_EXCHANGE:              x509.ExtKeyUsageMicrosoftCaExchange,
	x509.OID_EKU_MICROSOFT_KEY_RECOVERY_21:          x509.ExtKeyUsageMicrosoftKeyRecovery21,
	x509.OID_EKU_MICROSOFT_SYSTEM_HEALTH:            x509.ExtKeyUsageMicrosoftSystemHealth,
	x509.OID_EKU_MICROSOFT_SYSTEM_HEALTH_LOOPHOLE:   x509.ExtKeyUsageMicrosoftSystemHealthLoophole,
	x509.OID_EKU_MICROSOFT_KERNEL_MODE_CODE_SIGNING: x509.ExtKeyUsageMicrosoftKernelModeCodeSigning,
	x509.OID_EKU_SERVER_AUTH:                        x509.ExtKeyUsageServerAuth,
	x509.OID_EKU_DVCS:                               x509.ExtKeyUsageDvcs,
	x509.OID_EKU_SBGP_CERT_AA_SERVICE_AUTH:          x509.ExtKeyUsageSbgpCertAaServiceAuth,
	x509.OID_EKU_EAP_OVER_PPP:                       x509.ExtKeyUsageEapOverPpp,
	x509.OID_EKU_EAP_OVER_LAN:                       x509.ExtKeyUsageEapOverLan,
	x509.OID_EKU_CLIENT_AUTH:                        x509.ExtKeyUsageClientAuth,
	x509.OID_EKU_CODE_SIGNING:                       x509.ExtKeyUsageCodeSigning,
	x509.OID_EKU_EMAIL_PROTECTION:                   x509.ExtKeyUsageEmailProtection,
	x509.OID_EKU_IPSEC_END_SYSTEM:                   x509.ExtKeyUsageIpsecEndSystem,
	x509.OID_EKU_IPSEC_TUNNEL:                       x509.ExtKeyUsageIpsecTunnel,
	x509.OID_EKU_IPSEC_USER:                         x509.ExtKeyUsageIpsecUser,
	x509.OID_EKU_TIME_STAMPING:                      x509.ExtKeyUsageTimeStamping,
	x509.OID_EKU_OCSP_SIGNING:                       x509.ExtKeyUsageOcspSigning,
	x509.OID_EKU_IPSEC_INTERMEDIATE_SYSTEM_USAGE:    x509.ExtKeyUsageIpsecIntermediateSystemUsage,
	x509.OID_EKU_NETSCAPE_SERVER_GATED_CRYPTO:       x509.ExtKeyUsageNetscapeServerGatedCrypto,
	x509.OID_EKU_ANY:                                x509.ExtKeyUsageAny,
}

// ekuByDER is ekuByOID keyed by the OIDs' DER content bytes, so that the
// decoder looks an EKU up without formatting its OID.
var ekuByDER = func() map[string]x509.ExtKeyUsage {
	m := make(map[string]x509.ExtKeyUsage, len(ekuByOID))
	for dotted, eku := range ekuByOID {
		m[string(oidContent(dotted))] = eku
	}
	return m
}()

// oidContent encodes a dotted OID of the table as DER content bytes.
func oidContent(dotted string) []byte {
	var arcs []int
	n := 0
	for i := 0; i <= len(dotted); i++ {
		if i == len(dotted) || dotted[i] == '.' {
			arcs = append(arcs, n)
			n = 0
			continue
		}
		n = n*10 + int(dotted[i]-'0')
	}
	out := base128(nil, arcs[0]*40+arcs[1])
	for _, a := range arcs[2:] {
		out = base128(out, a)
	}
	return out
}

func base128(b []byte, v int) []byte {
	var tmp [10]byte
	i := len(tmp) - 1
	tmp[i] = byte(v & 0x7f)
	for v >>= 7; v > 0; v >>= 7 {
		i--
		tmp[i] = byte(v&0x7f) | 0x80
	}
	return append(b, tmp[i:]...)
}
