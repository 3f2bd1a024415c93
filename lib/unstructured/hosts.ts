export const UNSTRUCTURED_DEFAULT_ORIGIN = 'https://platform.unstructuredapp.io';
