using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Core.Tasks;

/// <summary>Source-generated JSON for the spec and result columns of the task database (enums as names, so the file reads well).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(TaskResult))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
