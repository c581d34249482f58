namespace Mesh.Core.Remote.Dispatch;

/// <summary>A remote attempt's conversation cannot go on for a reason that is not a protocol violation (a timeout, a missing input).</summary>
internal sealed class ConversationBrokenException(string message) : Exception(message);
