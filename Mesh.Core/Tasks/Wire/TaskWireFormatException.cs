namespace Mesh.Core.Tasks.Wire;

/// <summary>
/// Raised inside the decoder when a message breaks the format or a limit, and turned into
/// <see cref="TaskWireStatus.Invalid"/> by <see cref="TaskWireCodec.TryRead"/>: it never leaves the codec. The nested
/// field readers stay linear this way instead of threading a status through every call.
/// </summary>
internal sealed class TaskWireFormatException(string reason) : Exception(reason);
