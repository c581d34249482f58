namespace Mesh.Core.Remote.Guests;

/// <summary>Why a guest conversation stopped before its normal end.</summary>
internal enum GuestConversationEnd
{
    /// <summary>Still going, or ended normally.</summary>
    None = 0,

    /// <summary>The origin cancelled the attempt: kill it and report a cancelled result.</summary>
    Cancelled = 1,

    /// <summary>The origin took the lease back: kill the attempt and keep no result.</summary>
    LeaseLost = 2,

    /// <summary>The stream broke, went silent, or the origin broke the protocol.</summary>
    Broken = 3,
}
