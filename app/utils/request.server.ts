// Reading request bodies without ever turning a malformed one into a 500: a body that cannot
// be parsed as a form is treated as an empty form, so the user gets the Dutch field messages.
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}
