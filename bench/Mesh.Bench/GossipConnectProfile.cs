using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Mesh.Libp2p.Identity;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Mesh.Bench;

/// <summary>
/// Where the time of connecting an in-process swarm goes (<c>gossip --profile true</c>): the CPU cost of the Noise
/// handshake's public-key operations with BouncyCastle (what Mesh.Libp2p uses) and with libsodium, one thread. The
/// swarm table's "CPU while connecting" column gives the whole cost of a connection for comparison.
/// </summary>
public static class GossipConnectProfile
{
    private const int CryptoIterations = 5000;

    /// <summary>Prints the per-operation costs and the lower bound they give for <paramref name="swarmLinks"/> connections on this machine's cores.</summary>
    public static Task RunAsync(int swarmLinks)
    {
        var invariant = CultureInfo.InvariantCulture;
        var x25519KeyGen = Time(() =>
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var pub = new byte[32];
            X25519.GeneratePublicKey(key, 0, pub, 0);
        });
        var remote = new byte[32];
        X25519.GeneratePublicKey(RandomNumberGenerator.GetBytes(32), 0, remote, 0);
        var local = RandomNumberGenerator.GetBytes(32);
        var x25519Agreement = Time(() => X25519.CalculateAgreement(local, 0, remote, 0, new byte[32], 0));
        var identity = IdentityKey.Generate();
        var message = new byte[24 + 32];
        var ed25519Sign = Time(() => identity.Sign(message));
        var signature = identity.Sign(message);
        var ed25519Verify = Time(() => identity.PublicKey.Verify(message, signature));

        // Per side of one Noise XX handshake (static key made per connection): 2 key generations (static,
        // ephemeral), 3 agreements (ee, es/se, se/es), 1 signature over the static key, 1 verification.
        var perSideUs = (2 * x25519KeyGen) + (3 * x25519Agreement) + ed25519Sign + ed25519Verify;
        Console.WriteLine(string.Create(invariant, $"BouncyCastle on this machine, process CPU time over {CryptoIterations} runs each, one thread:"));
        Console.WriteLine(string.Create(invariant, $"  X25519 key generation {x25519KeyGen:0.0} us, agreement {x25519Agreement:0.0} us; Ed25519 sign {ed25519Sign:0.0} us, verify {ed25519Verify:0.0} us"));
        Console.WriteLine(string.Create(invariant, $"  Noise XX public-key work per connection (both sides): {2 * perSideUs / 1000:0.00} ms CPU"));

        var sodium = SodiumTimings.TryMeasure(Time);
        if (sodium is { } native)
        {
            var nativePerSideUs = (2 * native.KeyGenUs) + (3 * native.AgreementUs) + native.SignUs + native.VerifyUs;
            Console.WriteLine(string.Create(invariant, $"libsodium (already a dependency, for pnet) on this machine:"));
            Console.WriteLine(string.Create(invariant, $"  X25519 key generation {native.KeyGenUs:0.0} us, agreement {native.AgreementUs:0.0} us; Ed25519 sign {native.SignUs:0.0} us, verify {native.VerifyUs:0.0} us"));
            Console.WriteLine(string.Create(invariant, $"  Noise XX public-key work per connection (both sides): {2 * nativePerSideUs / 1000:0.00} ms CPU"));
        }

        var cores = Environment.ProcessorCount;
        Console.WriteLine(string.Create(invariant, $"{swarmLinks} connections x {2 * perSideUs / 1000:0.00} ms / {cores} cores = {swarmLinks * 2 * perSideUs / 1000 / cores:0} ms of Noise public-key work alone with BouncyCastle, every core busy"));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Microseconds of process CPU time per run of <paramref name="operation"/> (not wall time, which other processes
    /// on a shared machine would inflate); nothing else runs in this process meanwhile.
    /// </summary>
    private static double Time(Action operation)
    {
        for (var i = 0; i < 100; i++)
        {
            operation();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < CryptoIterations; i++)
        {
            operation();
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / CryptoIterations;
    }
}
