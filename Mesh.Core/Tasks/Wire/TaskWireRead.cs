namespace Mesh.Core.Tasks.Wire;

/// <summary>Reads one value with a <see cref="TaskWireReader"/>; throws <see cref="TaskWireFormatException"/> on bad input.</summary>
/// <typeparam name="T">What is read.</typeparam>
/// <param name="reader">The reader, positioned at the value.</param>
internal delegate T TaskWireRead<out T>(ref TaskWireReader reader);
