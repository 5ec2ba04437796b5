/** The 400 the server answers for invalid input naming one field (`field` '' for the body itself). */
export const validationAnswer = (message: string, field: string, fieldMessage: string) => ({
  data: null,
  error: {
    status: 400,
    name: 'ValidationError',
    message,
    details: { errors: [{ path: field ? field.split('.') : [], message: fieldMessage, name: 'ValidationError', field }] },
  },
});
