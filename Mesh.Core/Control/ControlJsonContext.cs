using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Core.Control;

/// <summary>
/// Source-generated JSON for the control API contract: camelCase names, as shared/DESIGN.md writes them. Source
/// generation keeps the <c>mesh</c> CLI fast to start and publishable with Native AOT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(NodeView))]
[JsonSerializable(typeof(PeersView))]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(TaskStatusView))]
[JsonSerializable(typeof(SubmitTaskRequest))]
[JsonSerializable(typeof(SubmitTaskResponse))]
[JsonSerializable(typeof(TaskListView))]
[JsonSerializable(typeof(TaskOutputView))]
[JsonSerializable(typeof(JournalListView))]
[JsonSerializable(typeof(JournalVerifyView))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
