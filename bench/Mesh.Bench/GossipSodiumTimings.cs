using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Mesh.Bench;

/// <summary>Per-operation times of libsodium's X25519 and Ed25519, in microseconds, for <see cref="GossipConnectProfile"/>.</summary>
/// <param name="KeyGenUs">X25519 public key from a private key.</param>
/// <param name="AgreementUs">X25519 shared secret.</param>
/// <param name="SignUs">Ed25519 detached signature of 56 bytes.</param>
/// <param name="VerifyUs">Ed25519 verification of it.</param>
internal sealed record SodiumTimings(double KeyGenUs, double AgreementUs, double SignUs, double VerifyUs)
{
    private const string Library = "libsodium";

    /// <summary>Times each operation with <paramref name="time"/>; null when libsodium cannot be loaded.</summary>
    public static SodiumTimings? TryMeasure(Func<Action, double> time)
    {
        try
        {
            if (sodium_init() < 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        var remote = new byte[32];
        var output = new byte[32];
        var signPublic = new byte[32];
        var signSecret = new byte[64];
        var message = new byte[56];
        var signature = new byte[64];
        if (crypto_scalarmult_curve25519_base(remote, RandomNumberGenerator.GetBytes(32)) != 0
            || crypto_sign_seed_keypair(signPublic, signSecret, RandomNumberGenerator.GetBytes(32)) != 0
            || crypto_sign_detached(signature, out _, message, (ulong)message.Length, signSecret) != 0)
        {
            return null;
        }

        var failures = 0;
        void Check(int result) => failures += result == 0 ? 0 : 1;
        var timings = new SodiumTimings(
            time(() => Check(crypto_scalarmult_curve25519_base(output, secret))),
            time(() => Check(crypto_scalarmult_curve25519(output, secret, remote))),
            time(() => Check(crypto_sign_detached(signature, out _, message, (ulong)message.Length, signSecret))),
            time(() => Check(crypto_sign_verify_detached(signature, message, (ulong)message.Length, signPublic))));
        return failures == 0 ? timings : null;
    }

#pragma warning disable SYSLIB1054 // A measurement aid: plain blittable arrays, no source-generated marshalling needed.
    [DllImport(Library)]
    private static extern int sodium_init();

    [DllImport(Library)]
    private static extern int crypto_scalarmult_curve25519_base(byte[] q, byte[] n);

    [DllImport(Library)]
    private static extern int crypto_scalarmult_curve25519(byte[] q, byte[] n, byte[] p);

    [DllImport(Library)]
    private static extern int crypto_sign_seed_keypair(byte[] pk, byte[] sk, byte[] seed);

    [DllImport(Library)]
    private static extern int crypto_sign_detached(byte[] sig, out ulong siglen, byte[] m, ulong mlen, byte[] sk);

    [DllImport(Library)]
    private static extern int crypto_sign_verify_detached(byte[] sig, byte[] m, ulong mlen, byte[] pk);
#pragma warning restore SYSLIB1054
}
