using Mesh.Core.Resources;

namespace Mesh.Core.Remote.Guests;

/// <summary>
/// Who may run tasks on this node, and the most one guest task may take: the node owner's say over its surplus
/// (<c>mesh-node --allow PEER</c>, <c>--guest-limit cpu=2,mem=4GiB</c>). Only mesh members (holders of the mesh key)
/// connect at all; this narrows it further.
/// </summary>
public sealed record GuestPolicy
{
    /// <summary>Every member may run tasks here, with no per-task limit beyond the surplus.</summary>
    public static GuestPolicy Open { get; } = new();

    /// <summary>The peer ids (base58) allowed to run tasks here; null lets every member of the mesh.</summary>
    public IReadOnlySet<string>? AllowedPeers { get; init; }

    /// <summary>The most one guest task may ask for, per resource given; resources not given are limited only by the surplus.</summary>
    public ResourceSpec MaxPerTask { get; init; } = ResourceSpec.Empty;

    /// <summary>Why <paramref name="peer"/> may not run this task here, for people; null when it may.</summary>
    /// <param name="peer">The origin asking.</param>
    /// <param name="request">What its task asks for.</param>
    public string? RefusalFor(string peer, ResourceVector request)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (AllowedPeers is { } allowed && !allowed.Contains(peer))
        {
            return $"peer {peer} is not allowed to run tasks on this node";
        }

        var max = MaxPerTask;
        return request switch
        {
            _ when max.Cpu is { } cpu && request.Cpu > cpu => $"cpu={ResourceText.Cores(request.Cpu)} is more than the {ResourceText.Cores(cpu)} cores one guest task may take here",
            _ when max.Memory is { } memory && request.Memory > memory => $"mem={ByteSize.Format(request.Memory)} is more than the {ByteSize.Format(memory)} one guest task may take here",
            _ when max.Disk is { } disk && request.Disk > disk => $"disk={ByteSize.Format(request.Disk)} is more than the {ByteSize.Format(disk)} one guest task may take here",
            _ when max.Gpu is { } gpu && request.Gpu > gpu => $"gpu={request.Gpu} is more than the {gpu} GPUs one guest task may take here",
            _ => null,
        };
    }
}
