namespace Mesh.Bench.Lab;

/// <summary>Which implementation a bench peer process runs.</summary>
public enum LabPeerKind
{
    /// <summary>Mesh.Libp2p: this program in its <c>lab-peer</c> role.</summary>
    CSharp,

    /// <summary>js-libp2p: interop/js/peer.mjs.</summary>
    Js,
}
